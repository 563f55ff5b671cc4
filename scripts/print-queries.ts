// Writes docs/queries.md: every query each action issues over the realistic data set, and the index
// of COLLECTIONS that serves it (test/support/query-catalogue.ts; its test checks the file is current).
// Usage: npx tsx scripts/print-queries.ts   (about 10 s: it seeds 10,000 arrivals in memory)
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCatalogue, catalogueRows, queriesMarkdown } from '../test/support/query-catalogue';

export const QUERIES_MD = join(__dirname, '../docs/queries.md');

async function main() {
  const catalogue = await buildCatalogue();
  try {
    const [cloud] = catalogue.runs;
    writeFileSync(QUERIES_MD, queriesMarkdown(catalogueRows(cloud!.queries), cloud!.ran));
    console.log(`wrote ${QUERIES_MD}`);
  } finally {
    await catalogue.close();
  }
}

if (resolve(process.argv[1] ?? '') === __filename) void main();
