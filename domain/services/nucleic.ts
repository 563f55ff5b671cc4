// Nucleic-acid results (核酸检测): staff record sample date and result per person, one by one or by
// importing a testing site's spreadsheet. A row matches a person by ID number among the people
// handled in the staff member's jurisdiction.
//
// Import rule: a file that cannot be read, lacks a column, or has a malformed row (bad ID number,
// date or result) is refused whole — nothing is written and every problem row is named. A
// well-formed file is recorded for the rows that match a person; rows that match nobody in the
// jurisdiction are reported one by one and not written (a site's list always holds people who
// never filed a report here). Ids derive from person, sample date and result, so importing the
// same file again records nothing twice.
import { createHash } from 'node:crypto';
import { decodeText, isXlsx, readCsvRowsSliced, readXlsxRows, TABLE_LIMITS } from '../files/table';
import type { Static } from '@sinclair/typebox';
import type { NUCLEIC, ImportRowError } from '../../types/api/nucleic';
import type { LocalDate } from '../../types/model';
import { badInput, notFound } from '../errors';
import { FileNotFoundError, FileTooLargeError } from '../files/port';
import { auditDetail, auditRetried, auditWithin } from '../staff/audit';
import { personArea, personAreas } from '../staff/area';
import { type StaffAccount, actingStaff } from '../staff/authorize';
import { isWithin } from '../staff/jurisdiction';
import type { PersonDoc, TestResultDoc } from '../store/collections';
import { atomically, DuplicateKeyError } from '../store/port';
import { addDays, isLocalDate, localDate } from '../time';
import { idNumberProblem, maskIdNumber } from '../validate/identity';
import type { ServiceContext } from './context';
import { mapLimited } from './concurrency';

type In<A extends keyof typeof NUCLEIC> = Omit<Static<(typeof NUCLEIC)[A]>, 'action'>;
type Result = TestResultDoc['result'];

const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 5000;

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
const testId = (personId: string, sampleDate: string, result: Result) => `n_${digest(personId, sampleDate, result)}`;

/** The people with this ID number handled inside the jurisdiction. */
async function matchPersons(
  ctx: ServiceContext,
  staff: StaffAccount,
  idNumber: string,
  cache?: Map<string, PersonDoc[]>,
  areas?: Map<string, Awaited<ReturnType<typeof personArea>>>,
): Promise<PersonDoc[]> {
  const persons = cache?.get(idNumber) ?? (await ctx.store.find('persons', { where: { idNumber }, limit: 20 }));
  const inside: PersonDoc[] = [];
  for (const p of persons) {
    const where = areas ? (areas.get(p._id) ?? null) : await personArea(ctx, p._id);
    if (where && isWithin(staff.jurisdiction, where.area.villageCode)) inside.push(p);
  }
  return inside;
}

/** `maxAgeDays`: the policy's limit — results older than it cannot matter to any conversion. */
function dateProblem(date: string, today: LocalDate, maxAgeDays: number): string | null {
  if (!isLocalDate(date)) return '采样日期不是有效的日期（应为 YYYY-MM-DD）';
  if (date > today) return '采样日期不能晚于今天';
  if (date < addDays(today, -maxAgeDays)) return `采样日期不能早于${maxAgeDays}天前`;
  return null;
}

/**
 * Writes one result: 'inserted' now; 'earlier' when an earlier attempt of the same import (`fileId`)
 * wrote it, one that crashed or whose answer was lost; 'duplicate' when it was on record already.
 */
async function write(
  ctx: ServiceContext,
  staff: StaffAccount,
  personId: string,
  row: { sampleDate: string; result: Result; site?: string },
  fileId?: string,
): Promise<'inserted' | 'earlier' | 'duplicate'> {
  const doc: TestResultDoc = {
    _id: testId(personId, row.sampleDate, row.result),
    personId,
    sampleDate: row.sampleDate,
    result: row.result,
    ...(row.site ? { site: row.site } : {}),
    source: fileId ? 'import' : 'manual',
    ...(fileId ? { fileId } : {}),
    recordedAt: ctx.now.toISOString(),
    recordedBy: staff._id,
  };
  // A manual record is written inside a transaction, where on CloudBase a duplicate key would abort
  // it: looked up first. An import's rows are no transaction, and a lookup would double its trips.
  if (!fileId && (await ctx.store.get('testResults', doc._id))) return 'duplicate';
  try {
    await ctx.store.insert('testResults', doc);
    return 'inserted';
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    // Only a duplicate is read back (rare on a first import), to tell this import's row from another's.
    return fileId && (await ctx.store.get('testResults', doc._id))?.fileId === fileId ? 'earlier' : 'duplicate';
  }
}

export async function recordTest(ctx: ServiceContext, input: In<'record'>): Promise<{ recorded: number; duplicate: boolean; name: string }> {
  const staff = await actingStaff(ctx);
  const idNumber = input.idNumber.toUpperCase();
  const idProblem = idNumberProblem(idNumber);
  if (idProblem) throw badInput(idProblem, 'idNumber');
  const problem = dateProblem(input.sampleDate, localDate(ctx.now), ctx.policy.limits.reportAgeDays);
  if (problem) throw badInput(problem, 'sampleDate');
  const persons = await matchPersons(ctx, staff, idNumber);
  if (!persons.length) throw notFound('您的管辖范围内没有该身份证号的报备人员');
  const site = input.site?.trim();
  let recorded = 0;
  for (const p of persons) {
    // The result and its audit entry together: a retry after a crash between them would audit twice.
    await atomically(ctx.store, async () => {
      if ((await write(ctx, staff, p._id, { sampleDate: input.sampleDate, result: input.result, ...(site ? { site } : {}) })) === 'inserted') recorded++;
      await auditWithin(ctx, { target: `persons/${p._id}`, after: { sampleDate: input.sampleDate, result: input.result, ...(site ? { site } : {}) } });
    });
  }
  return { recorded, duplicate: recorded === 0, name: persons[0]!.name };
}

// ---- import ----

const HEADERS = {
  idNumber: ['身份证号', '身份证号码', '证件号码', '证件号', 'idnumber'],
  sampleDate: ['采样日期', '采样时间', '采样日期时间', 'sampledate'],
  result: ['检测结果', '结果', '核酸结果', 'result'],
  site: ['检测机构', '采样点', '检测单位', 'site'],
} as const;
type Column = keyof typeof HEADERS;

const clean = (s: unknown) => String(s ?? '').replace(/[\s\u3000]+/g, ' ').trim();
const headerKey = (s: string) => clean(s).replace(/[\s*（）()]/g, '').toLowerCase();

function parseDate(raw: string): string {
  const s = clean(raw);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s;
}

function parseResult(raw: string): Result | null {
  const s = clean(raw).toLowerCase();
  if (['阴性', '阴', '-', 'negative', '阴性(-)', '阴性（-）'].includes(s)) return 'negative';
  if (['阳性', '阳', '+', 'positive', '阳性(+)', '阳性（+）'].includes(s)) return 'positive';
  return null;
}

async function readTable(bytes: Buffer, fileName: string | undefined): Promise<string[][]> {
  // The reader stops a little past MAX_ROWS (the count below names the limit) instead of reading a
  // hostile file whole.
  const limits = { ...TABLE_LIMITS, maxRows: MAX_ROWS + 100 };
  if (isXlsx(bytes, fileName)) return readXlsxRows(bytes, limits);
  // Empty lines are kept so that row numbers in messages match the file's lines.
  return readCsvRowsSliced(decodeText(bytes, '文件内容无法识别：请上传CSV或XLSX格式的检测结果表'), { skipEmptyLines: false, limits });
}

interface Row {
  row: number;
  idNumber: string;
  sampleDate: string;
  result: Result;
  site?: string;
}

function rowsOf(records: string[][], today: LocalDate, maxAgeDays: number): Row[] {
  const headerAt = records.findIndex((r) => r.some((c) => clean(c)));
  if (headerAt < 0) throw badInput('文件是空的，请上传检测机构的结果表', 'fileId');
  const header = records[headerAt]!.map(headerKey);
  const index = Object.fromEntries(
    (Object.keys(HEADERS) as Column[]).map((c) => [c, header.findIndex((h) => (HEADERS[c] as readonly string[]).includes(h))]),
  ) as Record<Column, number>;
  const missing = (['idNumber', 'sampleDate', 'result'] as Column[]).filter((c) => index[c] < 0);
  if (missing.length) {
    const names = { idNumber: '身份证号', sampleDate: '采样日期', result: '检测结果', site: '检测机构' };
    throw badInput(`表头缺少${missing.map((c) => `“${names[c]}”`).join('、')}列；第一行应为：身份证号,采样日期,检测结果(阴性/阳性),检测机构(选填)`, 'fileId');
  }
  const rows: Row[] = [];
  const problems: string[] = [];
  for (let i = headerAt + 1; i < records.length; i++) {
    const r = records[i] ?? [];
    if (!r.some((c) => clean(c))) continue;
    const cell = (c: Column) => (index[c] >= 0 ? clean(r[index[c]]) : '');
    const n = i + 1;
    const rawId = cell('idNumber');
    const idNumber = rawId.toUpperCase();
    const sampleDate = parseDate(cell('sampleDate'));
    const result = parseResult(cell('result'));
    const idProblem = rawId.startsWith('#数字') ? '身份证号被Excel存成了数字（末几位已丢失），请将该列设为文本后重新导出' : idNumberProblem(idNumber);
    const problem = idProblem ?? dateProblem(sampleDate, today, maxAgeDays) ?? (result ? null : '检测结果应为“阴性”或“阳性”');
    if (problem) problems.push(`第${n}行：${problem}`);
    else rows.push({ row: n, idNumber, sampleDate, result: result!, ...(cell('site') ? { site: cell('site').slice(0, 50) } : {}) });
    if (rows.length + problems.length > MAX_ROWS) throw badInput(`一次最多导入${MAX_ROWS}行，请分成多个文件`, 'fileId');
  }
  if (problems.length) {
    const more = problems.length > 8 ? `；另有${problems.length - 8}行有误` : '';
    throw badInput(`文件有${problems.length}行有误，未导入任何结果：${problems.slice(0, 8).join('；')}${more}`, 'fileId');
  }
  if (!rows.length) throw badInput('文件中没有检测结果行', 'fileId');
  return rows;
}

export async function importTests(ctx: ServiceContext, input: In<'import'>): Promise<{ rows: number; recorded: number; duplicates: number; errors: ImportRowError[] }> {
  const staff = await actingStaff(ctx);
  let bytes: Buffer;
  try {
    ({ bytes } = await ctx.files.read(input.fileId, MAX_FILE_BYTES));
  } catch (e) {
    if (e instanceof FileNotFoundError) throw badInput('未找到上传的文件，请重新上传', 'fileId');
    if (e instanceof FileTooLargeError) throw badInput(`文件不能超过${MAX_FILE_BYTES / 1024 / 1024}MB`, 'fileId');
    throw e;
  }
  if (!bytes.length) throw badInput('文件是空的，请上传检测机构的结果表', 'fileId');
  const rows = rowsOf(await readTable(bytes, input.fileName), localDate(ctx.now), ctx.policy.limits.reportAgeDays);

  // Match every row first; then write.
  const ids = [...new Set(rows.map((r) => r.idNumber))];
  const cache = new Map<string, PersonDoc[]>();
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    for (const p of await ctx.store.find('persons', { where: { idNumber: { $in: chunk } }, limit: 2000 })) {
      cache.set(p.idNumber, [...(cache.get(p.idNumber) ?? []), p]);
    }
  }
  for (const id of ids) if (!cache.has(id)) cache.set(id, []);
  const errors: ImportRowError[] = [];
  const writes: Array<{ personId: string; row: Row }> = [];
  // Eight reads or writes in flight at a time (a plan's 20 database connections are shared): a
  // 5,000-row file was ~10,000 round trips one after another, far past a 60 s timeout at 30 ms each.
  const areas = await personAreas(ctx, [...cache.values()].flat().map((p) => p._id));
  const matched = new Map<string, PersonDoc[]>(
    await mapLimited(ids, 8, async (id) => [id, await matchPersons(ctx, staff, id, cache, areas)] as const),
  );
  for (const row of rows) {
    const persons = matched.get(row.idNumber)!;
    if (!persons.length) errors.push({ row: row.row, idNumberMasked: maskIdNumber(row.idNumber), message: '您的管辖范围内没有该身份证号的报备人员' });
    for (const p of persons) writes.push({ personId: p._id, row });
  }
  const outcomes = await mapLimited(writes, 8, (w) => write(ctx, staff, w.personId, w.row, input.fileId));
  // What the import recorded, rows an earlier attempt of it wrote before a crash included.
  const recorded = outcomes.filter((o) => o !== 'duplicate').length;
  const target = `files/${input.fileId}`;
  // Nothing new, and the import's entry on record (its last write): a retry of a finished import.
  const retry = !outcomes.includes('inserted') && (await ctx.store.count('auditLog', { target, action: 'tests.import' })) > 0;
  if (retry) auditRetried(ctx);
  else {
    await auditDetail(ctx, {
      target,
      after: { rows: rows.length, recorded, unmatched: errors.length, personIds: [...new Set(writes.map((w) => w.personId))] },
    });
  }
  return { rows: rows.length, recorded, duplicates: writes.length - recorded, errors };
}
