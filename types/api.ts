// One schema per function action: server validation (ajv), TypeScript types and the API docs
// all come from here. Titles are the Chinese field names used in error messages.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const dateField = (title: string) =>
  Type.String({ title, pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD, Asia/Shanghai' });

/** A string from a fixed set: one `enum` keyword, so a wrong value gets one clear message. */
const StringEnum = <T extends string>(values: readonly T[], options: { title: string }) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

const emptyAction = <A extends string>(action: A) =>
  Type.Object({ action: Type.Literal(action) }, { additionalProperties: false });

export const ItineraryStopSchema = Type.Object(
  {
    townCode: Type.String({ title: '途经地（乡镇/街道）', pattern: '^\\d{9}$' }),
    departDate: dateField('离开日期'),
    riskAreaIds: Type.Optional(
      Type.Array(Type.String({ title: '风险区域', maxLength: 64 }), { title: '风险区域', maxItems: 50 }),
    ),
  },
  { additionalProperties: false, title: '行程' },
);

export const ReportSubmit = Type.Object(
  {
    action: Type.Literal('submit'),
    requestId: Type.String({ title: '请求编号', minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    name: Type.String({ title: '姓名', minLength: 1, maxLength: 30 }),
    idNumber: Type.String({ title: '身份证号', minLength: 18, maxLength: 18 }),
    phone: Type.String({ title: '手机号', minLength: 11, maxLength: 11 }),
    itinerary: Type.Array(ItineraryStopSchema, { title: '14天行程', minItems: 1, maxItems: 10 }),
    arrivalDate: dateField('抵河日期'),
    transport: StringEnum(['car', 'train', 'flight', 'bus', 'ship', 'other'] as const, { title: '交通方式' }),
    transportNo: Type.Optional(Type.String({ title: '车次/航班号', maxLength: 20 })),
    itineraryStar: Type.Boolean({ title: '行程码是否带*' }),
    destination: Type.Object(
      {
        villageCode: Type.String({ title: '河池目的地（社区/村）', pattern: '^4512\\d{8}$' }),
        address: Type.String({ title: '详细地址', minLength: 2, maxLength: 100 }),
      },
      { additionalProperties: false, title: '河池目的地' },
    ),
  },
  { additionalProperties: false },
);

export const ReportList = emptyAction('list');
export const ReportGet = Type.Object(
  { action: Type.Literal('get'), id: Type.String({ title: '报备编号', minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const CodeMine = emptyAction('mine');

export const DivisionChildren = Type.Object(
  {
    action: Type.Literal('children'),
    code: Type.Optional(Type.String({ title: '区划代码', pattern: '^(\\d{2}|\\d{4}|\\d{6}|\\d{9})$' })),
  },
  { additionalProperties: false },
);
export const DivisionRiskAreas = Type.Object(
  { action: Type.Literal('riskAreas'), countyCode: Type.String({ title: '县（市、区）代码', pattern: '^\\d{6}$' }) },
  { additionalProperties: false },
);

export const AccountMe = emptyAction('me');

/** Every cloud function and its actions. The local host serves exactly these. */
export const API = {
  report: { submit: ReportSubmit, list: ReportList, get: ReportGet },
  code: { mine: CodeMine },
  division: { children: DivisionChildren, riskAreas: DivisionRiskAreas },
  account: { me: AccountMe },
} as const satisfies Record<string, Record<string, TSchema>>;

export type FunctionName = keyof typeof API;
export type ActionName<F extends FunctionName> = keyof (typeof API)[F] & string;
type SchemaOf<F extends FunctionName, A extends ActionName<F>> = (typeof API)[F][A] extends infer S extends TSchema ? S : never;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Static<SchemaOf<F, A>>;
