// Build-time check of every policy file in config/policy: its schema and its coverage
// (each category's days covered once, each measure and conversion defined once).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPolicy } from '../domain/policy/schema';

const dir = join(__dirname, '../config/policy');
let failed = false;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const problems = checkPolicy(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  if (problems.length) {
    failed = true;
    console.error(`${file}:\n  ${problems.join('\n  ')}`);
  } else console.log(`${file}: ok`);
}
process.exit(failed ? 1 : 0);
