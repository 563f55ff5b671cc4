import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiMarkdown } from '../../scripts/gen-api-docs';
import { indexTable } from '../../scripts/print-indexes';

it('docs/api.md is generated from the current schemas (run `npm run docs:api`)', () => {
  const committed = readFileSync(join(__dirname, '../../docs/api.md'), 'utf8');
  expect(committed).toBe(apiMarkdown());
  expect(committed).toContain('### `report.submit`');
  expect(committed).toContain('| `itinerary[].departDate` | string | yes | 离开日期 |');
});

it('the README lists the CloudBase indexes exactly as COLLECTIONS defines them', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  expect(readme).toContain(indexTable());
});
