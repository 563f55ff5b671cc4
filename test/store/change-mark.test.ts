// The SQLite store's changeMark (what riskListOn keeps its answer under): it moves after every write
// to the collection, after a rolled-back transaction, and after another connection's commit — and
// only then.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStore, type SqliteStore } from '../../adapters/sqlite';
import type { SessionDoc } from '../../domain/store/collections';
import { atomically } from '../../domain/store/port';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-mark-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let seq = 0;
const opened: SqliteStore[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});
async function open(file = path.join(dir, `t${++seq}.db`)) {
  const store = createSqliteStore(file);
  await store.migrate();
  opened.push(store);
  return { store, file };
}
const session = (id: string): SessionDoc => ({ _id: id, accountId: 'a', createdAt: '2022-04-16T00:00:00.000Z', expiresAt: '2022-04-17T00:00:00.000Z' });

it('moves after an insert, a put and an update of the collection, and not for reads or other collections', async () => {
  const { store } = await open();
  const marks = [store.changeMark('sessions')];
  const moved = () => {
    marks.push(store.changeMark('sessions'));
    return marks.at(-1) !== marks.at(-2);
  };
  await store.get('sessions', 's1');
  await store.find('sessions', { where: { accountId: 'a' } });
  await store.put('accounts', { _id: 'a', role: 'resident', name: '王小明', createdAt: '2022-04-16T00:00:00.000Z' });
  expect(moved()).toBe(false);
  await store.insert('sessions', session('s1'));
  expect(moved()).toBe(true);
  await store.put('sessions', { ...session('s1'), accountId: 'b' });
  expect(moved()).toBe(true);
  await store.update('sessions', 's1', { revokedAt: '2022-04-16T01:00:00.000Z' });
  expect(moved()).toBe(true);
  expect(moved()).toBe(false);
});

it('moves when a transaction that wrote is rolled back, so nothing read inside it is kept', async () => {
  const { store } = await open();
  let inside = '';
  await expect(
    atomically(store, async () => {
      await store.insert('sessions', session('s1'));
      inside = store.changeMark('sessions');
      throw new Error('crash');
    }),
  ).rejects.toThrow('crash');
  expect(await store.get('sessions', 's1')).toBeNull();
  expect(store.changeMark('sessions')).not.toBe(inside);
});

it("moves when another connection to the same file commits, whichever collection it wrote", async () => {
  const { store, file } = await open();
  const { store: other } = await open(file);
  const before = store.changeMark('sessions');
  expect(store.changeMark('sessions')).toBe(before);
  await other.insert('sessions', session('s2'));
  expect(store.changeMark('sessions')).not.toBe(before);
  expect(await store.get('sessions', 's2')).toMatchObject({ _id: 's2' });
});
