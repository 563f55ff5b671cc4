import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiMarkdown } from '../../scripts/gen-api-docs';

it('docs/api.md is generated from the current schemas (run `npm run docs:api`)', () => {
  const committed = readFileSync(join(__dirname, '../../docs/api.md'), 'utf8');
  expect(committed).toBe(apiMarkdown());
  expect(committed).toContain('### `report.submit`');
  expect(committed).toContain('| `itinerary[].departDate` | string | yes | 离开日期 |');
});
