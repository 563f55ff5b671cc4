// `nucleic`: nucleic-acid results, recorded one by one or imported from a testing site's spreadsheet.
import type { Rules } from './actions';
import { Type } from '@sinclair/typebox';
import { dateField, StringEnum } from './common';

export const NUCLEIC = {
  record: Type.Object(
    {
      action: Type.Literal('record'),
      idNumber: Type.String({ title: '身份证号', minLength: 18, maxLength: 18 }),
      sampleDate: dateField('采样日期'),
      result: StringEnum(['negative', 'positive'] as const, { title: '检测结果' }),
      site: Type.Optional(Type.String({ title: '检测机构', maxLength: 50 })),
    },
    { additionalProperties: false },
  ),
  import: Type.Object(
    {
      action: Type.Literal('import'),
      fileId: Type.String({ title: '文件', minLength: 1, maxLength: 300 }),
      fileName: Type.Optional(Type.String({ title: '文件名', maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
} as const;

export interface ImportRowError {
  /** Row number as the spreadsheet shows it (header is row 1). */
  row: number;
  idNumberMasked: string;
  message: string;
}

export interface NucleicOutputs {
  record: { recorded: number; duplicate: boolean; name: string };
  import: { rows: number; recorded: number; duplicates: number; errors: ImportRowError[] };
}

export const NUCLEIC_RULES = {
  record: { who: 'staff', permission: 'tests.record', scope: { loaded: 'persons reported within the jurisdiction' }, audit: { action: 'tests.record' }, errors: ['NOT_FOUND'], note: 'one audit entry per person recorded' },
  import: { who: 'staff', permission: 'tests.record', scope: { loaded: 'persons reported within the jurisdiction' }, audit: { action: 'tests.import', target: 'fileId' }, errors: [] },
} satisfies Rules<typeof NUCLEIC>;
