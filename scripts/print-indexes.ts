// Prints the indexes to create in the CloudBase console (数据库 → 集合 → 索引管理), from COLLECTIONS.
// wx-server-sdk cannot create indexes, so this list is the deploy step (after the `init` function made
// the collections); the README includes its output.
// Usage: npx tsx scripts/print-indexes.ts [--json]
import { resolve } from 'node:path';
import { COLLECTIONS, type CollectionName } from '../domain/store/collections';

const rows = (Object.keys(COLLECTIONS) as CollectionName[]).flatMap((collection) =>
  COLLECTIONS[collection].indexes.map((index) => ({
    collection,
    // The name matters: the CloudBase adapter reads it back from duplicate-key errors
    // ("E11000 … index: <name>") to tell which unique key was taken.
    name: index.name,
    unique: Boolean(index.unique),
    fields: index.fields.map((field) => ({ field, order: 'asc' as const })),
  })),
);

/** The Markdown table the README's deploy section carries (test/api/docs.test.ts keeps them equal). */
export function indexTable(): string {
  return [
    '| 集合 collection | 索引名称 index name | 唯一 unique | 字段 fields (升序 asc) |',
    '|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.collection} | ${row.name} | ${row.unique ? '唯一 unique' : '非唯一 non-unique'} | ${row.fields.map((f) => `\`${f.field}\``).join(', ')} |`,
    ),
  ].join('\n');
}

if (resolve(process.argv[1] ?? '') === __filename) {
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    console.log(indexTable());
    console.log('');
    console.log('Create the collections first: run the cloud function `init` once (console → 云端测试).');
    console.log('Index names must be exactly as above; every field ascending; `_id` is indexed already.');
  }
}
