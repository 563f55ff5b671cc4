// Both store adapters, fresh for each call: SQLite in a temp folder and CloudBase over the stand-in.
// Domain tests that must hold on both run `describe.each(storeAdapters(dir))`.
import path from 'node:path';
import { createCloudBaseStore } from '../../adapters/cloudbase';
import { createSqliteStore } from '../../adapters/sqlite';
import type { Store } from '../../domain/store/port';
import { createCloudBaseStandin } from './cloudbase-standin';

export function storeAdapters(dir: string): Array<[string, () => Promise<Store>]> {
  return [
    [
      'SQLite',
      async () => {
        const s = createSqliteStore(path.join(dir, `${Math.random().toString(36).slice(2)}.db`));
        await s.migrate();
        return s;
      },
    ],
    [
      'CloudBase (stand-in)',
      async () => {
        const s = createCloudBaseStore(createCloudBaseStandin());
        await s.migrate();
        return s;
      },
    ],
  ];
}
