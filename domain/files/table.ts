// Reading the spreadsheets officials send (a day's risk list, a testing site's results): XLSX, or CSV
// in UTF-8 or GBK (Excel on a Chinese Windows saves CSV as GBK). Every failure is a Chinese message
// about the file, raised as bad input on `fileId`.
//
// A spreadsheet can cost far more than its size (issue 13: a 200 KB XLSX with one 200M-character
// cell took 1 GB; 1M rows stalled everyone's code page for 3.5 s). So the limits apply WHILE reading
// — rows, cells, characters per cell, bytes inflated out of the ZIP — and a file is refused the moment
// it crosses one, before its content is held in memory. XLSX is read by a small streaming reader
// (ZIP entries inflated as a stream, the sheet's rows taken out of the XML as they arrive), and CSV is
// parsed in slices; both yield to the event loop between chunks, so other callers are served while a
// large file is read.
//
// The default limits fit the real national risk lists, which must pass (up to ~40,000 rows; area
// names up to ~700 characters): rows <= 200,000 (five times the largest list), cells <= 3,000,000,
// a cell <= 4,000 characters (the risk import names an area over 2,000 characters on its row, so the
// person sees which), 200 MB inflated. Measured: a 5 MB XLSX of 1M rows is refused in ~0.5 s, one
// with a 200M-character cell in ~3 ms; 40,000 rows of 700-character names read in ~0.6 s with the
// event loop never held more than ~10 ms.
import { inflateRaw, createInflateRaw } from 'node:zlib';
import iconv from 'iconv-lite';
import { parse as parseCsvStream } from 'csv-parse';
import { parse as parseCsv } from 'csv-parse/sync';
import { badInput } from '../errors';

export interface TableLimits {
  maxRows: number;
  maxCells: number;
  maxCellChars: number;
  /** Bytes inflated out of an XLSX (all entries read), whatever the entries declare. */
  maxInflatedBytes: number;
}

export const TABLE_LIMITS: TableLimits = {
  maxRows: 200_000,
  maxCells: 3_000_000,
  maxCellChars: 4_000,
  maxInflatedBytes: 200 * 1024 * 1024,
};

const tooMany = (limits: TableLimits) => badInput(`表格超过${limits.maxRows}行，请检查文件或分成多个文件上传`, 'fileId');
const tooManyCells = (limits: TableLimits) => badInput(`表格的单元格超过${limits.maxCells}个，请检查文件是否有多余的列`, 'fileId');
const cellTooLong = (limits: TableLimits, row?: number) =>
  badInput(`${row ? `第${row}行` : '表格中'}有单元格超过${limits.maxCellChars}个字，不像是名单内容，请检查文件`, 'fileId');
const broken = () => badInput('XLSX文件已损坏或无法读取，请用Excel重新保存后上传', 'fileId');

/** XLSX is a ZIP: trust the bytes first, the file name second. */
export function isXlsx(bytes: Buffer, fileName?: string): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  return zip || /\.xlsx$/i.test(fileName ?? '');
}

/** UTF-8 when the bytes are valid UTF-8, else GBK; refuses bytes that are not text at all. */
export function decodeText(bytes: Buffer, unreadable: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = iconv.decode(bytes, 'gbk');
  }
  text = text.replace(/^\uFEFF/, '');
  // Text has no NULs and few control characters; random bytes decode to plenty of both.
  const sample = text.slice(0, 64 * 1024);
  const odd = sample.match(/[\u0000-\u0008\u000E-\u001F\uFFFD]/g)?.length ?? 0;
  if (sample.includes('\u0000') || odd > sample.length / 100) throw badInput(unreadable, 'fileId');
  return text;
}

const csvOptions = (skipEmptyLines: boolean, limits: TableLimits) => ({
  relax_column_count: true,
  skip_empty_lines: skipEmptyLines,
  relax_quotes: true,
  bom: true,
  // A record (one line, all its cells) beyond this stops the parser at once.
  max_record_size: limits.maxCellChars * 8,
});

function csvError(e: unknown, limits: TableLimits) {
  const err = e as { code?: string; lines?: number };
  if (err.code === 'CSV_MAX_RECORD_SIZE') return cellTooLong(limits, err.lines);
  return badInput(`CSV格式有误${err.lines ? `（第${err.lines}行附近）` : ''}，请用Excel另存为CSV后重新上传`, 'fileId');
}

function checkCsvRecord(record: string[], n: number, cells: { count: number }, limits: TableLimits) {
  if (n > limits.maxRows) throw tooMany(limits);
  cells.count += record.length;
  if (cells.count > limits.maxCells) throw tooManyCells(limits);
  for (const cell of record) if (cell.length > limits.maxCellChars) throw cellTooLong(limits, n);
}

/**
 * CSV rows as strings, in one go (for small texts). Keep empty lines when row numbers must match the
 * file's lines. Prefer readCsvRowsSliced for an uploaded file: it does not hold the event loop.
 */
export function readCsvRows(text: string, options: { skipEmptyLines: boolean; limits?: TableLimits }): string[][] {
  const limits = options.limits ?? TABLE_LIMITS;
  let records: string[][];
  try {
    records = parseCsv(text, { ...csvOptions(options.skipEmptyLines, limits), to: limits.maxRows + 1 }) as string[][];
  } catch (e) {
    throw csvError(e, limits);
  }
  const cells = { count: 0 };
  records.forEach((r, i) => checkCsvRecord(r, i + 1, cells, limits));
  return records;
}

const CSV_SLICE_CHARS = 16 * 1024;

/** readCsvRows in slices: the parser is fed 16K characters at a time, yielding in between. */
export async function readCsvRowsSliced(text: string, options: { skipEmptyLines: boolean; limits?: TableLimits }): Promise<string[][]> {
  const limits = options.limits ?? TABLE_LIMITS;
  const records: string[][] = [];
  const cells = { count: 0 };
  let failure: unknown = null;
  const parser = parseCsvStream(csvOptions(options.skipEmptyLines, limits));
  parser.on('readable', () => {
    let record: string[] | null;
    while ((record = parser.read() as string[] | null) !== null) {
      if (failure) continue;
      try {
        checkCsvRecord(record, records.length + 1, cells, limits);
        records.push(record);
      } catch (e) {
        failure = e;
      }
    }
  });
  const done = new Promise<void>((resolve) => {
    parser.on('error', (e) => {
      failure ??= csvError(e, limits);
      resolve();
    });
    parser.on('end', () => resolve());
  });
  for (let at = 0; at < text.length && !failure; at += CSV_SLICE_CHARS) {
    parser.write(text.slice(at, at + CSV_SLICE_CHARS));
    await new Promise((r) => setImmediate(r));
  }
  if (failure) {
    parser.destroy();
    throw failure;
  }
  parser.end();
  await done;
  if (failure) throw failure;
  return records;
}

// ---- XLSX -------------------------------------------------------------------------------------

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const MAX_ZIP_ENTRIES = 2_000;

/** The ZIP's central directory (no ZIP64: a spreadsheet of an official's size never needs it). */
function zipEntries(bytes: Buffer): Map<string, ZipEntry> {
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= floor; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken();
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  if (count > MAX_ZIP_ENTRIES) throw broken();
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw broken();
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    if (flags & 1) throw badInput('XLSX文件已加密，请取消密码保护后重新上传', 'fileId');
    entries.set(name.replace(/^\//, ''), { name, method, compressedSize, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) throw broken();
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw broken();
  return bytes.subarray(start, end);
}

/** The inflated bytes of every entry read so far, against the one budget. */
class Budget {
  used = 0;
  constructor(readonly limits: TableLimits) {}
  take(n: number) {
    this.used += n;
    if (this.used > this.limits.maxInflatedBytes) {
      throw badInput(`XLSX文件解压后超过${Math.round(this.limits.maxInflatedBytes / 1024 / 1024)}MB，不像是名单或结果表，请检查文件`, 'fileId');
    }
  }
}

/** A small entry (workbook, rels, styles), inflated whole within the budget. */
async function readSmall(bytes: Buffer, entries: Map<string, ZipEntry>, name: string, budget: Budget): Promise<string | null> {
  const entry = entries.get(name);
  if (!entry) return null;
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    budget.take(data.length);
    return data.toString('utf8');
  }
  if (entry.method !== 8) throw broken();
  const room = Math.max(0, budget.limits.maxInflatedBytes - budget.used);
  const out = await new Promise<Buffer>((resolve, reject) =>
    inflateRaw(data, { maxOutputLength: Math.max(1, Math.min(room, 16 * 1024 * 1024)) }, (e, r) => (e ? reject(e) : resolve(r))),
  ).catch((e: { code?: string }) => {
    if (e.code === 'ERR_BUFFER_TOO_LARGE') budget.take(budget.limits.maxInflatedBytes + 1);
    throw broken();
  });
  budget.take(out.length);
  return out.toString('utf8');
}

/**
 * Streams an entry's XML and hands each complete `<tag …>…</tag>` element to `onElement`, as it
 * arrives. Text between elements is dropped; an element growing past `maxElementChars` is refused.
 */
async function streamElements(
  bytes: Buffer,
  entry: ZipEntry,
  tag: string,
  budget: Budget,
  maxElementChars: number,
  tooLong: () => Error,
  onElement: (xml: string) => void,
): Promise<void> {
  const data = entryData(bytes, entry);
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let pending = '';
  const decoder = new TextDecoder('utf-8');
  const consume = (text: string) => {
    pending += text;
    let from = 0;
    for (;;) {
      const start = pending.indexOf(open, from);
      if (start < 0) {
        // Keep a tail that may hold the start of the next opening tag.
        pending = pending.slice(Math.max(from, pending.length - open.length));
        return;
      }
      const after = pending.charCodeAt(start + open.length);
      // `<c` must not match `<col`: the tag name ends at a space, `>` or `/`.
      if (!Number.isNaN(after) && after !== 0x20 && after !== 0x3e && after !== 0x2f && after !== 0x09 && after !== 0x0a && after !== 0x0d) {
        from = start + open.length;
        continue;
      }
      const headEnd = pending.indexOf('>', start);
      if (headEnd < 0) {
        pending = pending.slice(start);
        break;
      }
      let end: number;
      if (pending[headEnd - 1] === '/') end = headEnd + 1;
      else {
        const c = pending.indexOf(close, headEnd);
        if (c < 0) {
          pending = pending.slice(start);
          break;
        }
        end = c + close.length;
      }
      onElement(pending.slice(start, end));
      from = end;
    }
    if (pending.length > maxElementChars) throw tooLong();
  };
  if (entry.method === 0) {
    budget.take(data.length);
    for (let at = 0; at < data.length; at += 256 * 1024) {
      consume(decoder.decode(data.subarray(at, at + 256 * 1024), { stream: true }));
      await new Promise((r) => setImmediate(r));
    }
    return;
  }
  if (entry.method !== 8) throw broken();
  await new Promise<void>((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      inflate.destroy();
      reject(e);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        budget.take(chunk.length);
        consume(decoder.decode(chunk, { stream: true }));
      } catch (e) {
        fail(e);
      }
    });
    inflate.on('error', () => fail(broken()));
    inflate.on('end', () => {
      if (!failed) resolve();
    });
    inflate.end(data);
  });
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function unescapeXml(s: string): string {
  return s
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITY[e]!,
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const attr = (head: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(head)?.[1];

/** The text of `<t>` runs, skipping phonetic runs (`<rPh>`). */
function textOf(xml: string): string {
  const body = xml.replace(/<rPh[\s>][\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += m[1] ?? '';
  return unescapeXml(out);
}

/** Built-in number formats that are dates, and custom ones whose code has d/m/y outside quotes. */
function dateStyles(styles: string | null): boolean[] {
  if (!styles) return [];
  const custom = new Map<number, string>();
  for (const m of styles.matchAll(/<numFmt\s[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    const code = unescapeXml(attr(m[0], 'formatCode') ?? '');
    custom.set(id, code);
  }
  const isDate = (id: number) => {
    if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return true;
    const code = custom.get(id);
    return code !== undefined && /[dmyhs]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
  };
  const xfs = /<cellXfs[\s>][\s\S]*?<\/cellXfs>/.exec(styles)?.[0] ?? '';
  return [...xfs.matchAll(/<xf\s[^>]*>/g)].map((m) => isDate(Number(attr(m[0], 'numFmtId') ?? 0)));
}

function columnOf(ref: string | undefined): number | null {
  const letters = /^([A-Z]+)\d*$/.exec(ref ?? '')?.[1];
  if (!letters) return null;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The first non-empty sheet's rows as strings; row n of the sheet is element n-1. */
export async function readXlsxRows(bytes: Buffer, limits: TableLimits = TABLE_LIMITS): Promise<string[][]> {
  let entries: Map<string, ZipEntry>;
  try {
    entries = zipEntries(bytes);
  } catch (e) {
    throw e instanceof Error && e.name === 'AppError' ? e : broken();
  }
  const budget = new Budget(limits);
  const workbook = await readSmall(bytes, entries, 'xl/workbook.xml', budget);
  const rels = await readSmall(bytes, entries, 'xl/_rels/workbook.xml.rels', budget);
  if (!workbook || !rels) throw broken();
  const date1904 = /<workbookPr\s[^>]*date1904="(1|true)"/.test(workbook);
  const targets = new Map([...rels.matchAll(/<Relationship\s[^>]*>/g)].map((m) => [attr(m[0], 'Id'), attr(m[0], 'Target')] as const));
  const sheets = [...workbook.matchAll(/<sheet\s[^>]*>/g)]
    .map((m) => targets.get(attr(m[0], 'r:id') ?? ''))
    .filter((t): t is string => Boolean(t))
    .map((t) => (t.startsWith('/') ? t.slice(1) : `xl/${t}`).replace(/\/[^/]+\/\.\.\//g, '/'));
  const dates = dateStyles(await readSmall(bytes, entries, 'xl/styles.xml', budget));

  const shared: string[] = [];
  const sharedEntry = entries.get('xl/sharedStrings.xml');
  if (sharedEntry) {
    await streamElements(bytes, sharedEntry, 'si', budget, limits.maxCellChars * 8 + 4096, () => cellTooLong(limits), (xml) => {
      const text = textOf(xml);
      if (text.length > limits.maxCellChars) throw cellTooLong(limits);
      shared.push(text);
      if (shared.length > limits.maxCells) throw tooManyCells(limits);
    });
  }

  for (const name of sheets) {
    const entry = entries.get(name);
    if (!entry) continue;
    const records: string[][] = [];
    let cells = 0;
    let next = 1;
    // A row holds at most a few dozen cells in any real list; its XML is bounded by its cells.
    const maxRowChars = limits.maxCellChars * 8 + 64 * 1024;
    await streamElements(bytes, entry, 'row', budget, maxRowChars, () => cellTooLong(limits), (xml) => {
      const n = Number(attr(xml.slice(0, xml.indexOf('>') + 1), 'r') ?? next);
      if (!Number.isInteger(n) || n < 1 || n > limits.maxRows) throw tooMany(limits);
      next = n + 1;
      const row: string[] = [];
      let col = 0;
      for (const m of xml.matchAll(/<c(\s[^>]*?)?(\/>|>([\s\S]*?)<\/c>)/g)) {
        const head = m[1] ?? '';
        col = columnOf(attr(head, 'r')) ?? col;
        const body = m[3] ?? '';
        const type = attr(head, 't') ?? 'n';
        const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(body)?.[1];
        let text = '';
        if (type === 's') text = v === undefined ? '' : (shared[Number(v)] ?? '');
        else if (type === 'inlineStr') text = textOf(/<is[\s>][\s\S]*?<\/is>/.exec(body)?.[0] ?? '');
        else if (type === 'd') text = v === undefined ? '' : unescapeXml(v).slice(0, 10);
        else if (type === 'b') text = v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : '';
        else if (v !== undefined) {
          const raw = unescapeXml(v);
          const num = Number(raw);
          if (type === 'n' && raw !== '' && Number.isFinite(num)) {
            const style = Number(attr(head, 's') ?? 0);
            // Excel keeps dates as day serials; a number of 16+ digits (an ID number typed as a number)
            // has already lost its last digits, so it is marked for the row check to name.
            if (dates[style]) text = new Date(Math.round((num - (date1904 ? 24107 : 25569)) * 86_400_000)).toISOString().slice(0, 10);
            else if (num > 1e15) text = `#数字${num}`;
            else text = String(num);
          } else text = raw;
        }
        if (text.length > limits.maxCellChars) throw cellTooLong(limits, n);
        if (++cells > limits.maxCells) throw tooManyCells(limits);
        if (col > 16_383) throw broken();
        row[col] = text;
        col++;
      }
      records[n - 1] = Array.from(row, (c) => c ?? '');
    });
    const rows = Array.from(records, (r) => r ?? []);
    if (rows.some((r) => r.some((c) => c !== ''))) return rows;
  }
  throw badInput('文件是空的：工作表中没有任何内容', 'fileId');
}
