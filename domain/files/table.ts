// Reading the spreadsheets officials send (a day's risk list, a testing site's results): XLSX, or CSV
// in UTF-8 or GBK (Excel on a Chinese Windows saves CSV as GBK). Every failure is a Chinese message
// about the file, raised as bad input on `fileId`.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import { badInput } from '../errors';

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

/** CSV rows as strings. Keep empty lines when row numbers must match the file's lines. */
export function readCsvRows(text: string, options: { skipEmptyLines: boolean }): string[][] {
  try {
    return parseCsv(text, { relax_column_count: true, skip_empty_lines: options.skipEmptyLines, relax_quotes: true, bom: true }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw badInput(`CSV格式有误${line ? `（第${line}行附近）` : ''}，请用Excel另存为CSV后重新上传`, 'fileId');
  }
}

/** The first non-empty sheet's rows as strings; row n of the sheet is element n-1. */
export async function readXlsxRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw badInput('XLSX文件已损坏或无法读取，请用Excel重新保存后上传', 'fileId');
  }
  const sheet = workbook.worksheets.find((w) => w.actualRowCount > 0);
  if (!sheet) throw badInput('文件是空的：工作表中没有任何内容', 'fileId');
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const v = cell.value;
      // Excel keeps dates as UTC midnights; a number of 16+ digits (an ID number typed as a number)
      // has already lost its last digits, so it is marked for the row check to name.
      if (v instanceof Date) cells[col - 1] = v.toISOString().slice(0, 10);
      else if (typeof v === 'number' && v > 1e15) cells[col - 1] = `#数字${v}`;
      else cells[col - 1] = cell.text;
    });
    records[n - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(records, (r) => r ?? []);
}
