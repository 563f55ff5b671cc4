// A file id is usable only by its uploader, in both modes (issue 13, Medium 7).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../../adapters/sqlite';
import { ownedFiles } from '../../domain/files/owned';
import { FileNotFoundError, type FileStore } from '../../domain/files/port';

const bytes = Buffer.from('photo');
const raw: FileStore = {
  read: async (fileId) => ({ bytes, name: fileId }),
  write: async () => 'x',
};
const now = new Date('2022-04-16T04:00:00Z');

it('WeChat: a cloud file id is read only by the account whose OPENID is a folder of its path', async () => {
  const store = createSqliteStore(join(mkdtempSync(join(tmpdir(), 'saoma-owned-')), 'db'));
  await store.migrate();
  const id = 'cloud://env-1.6465-env-1/appeals/oOPENID123/1650081600000-abc';
  expect((await ownedFiles(raw, store, 'oOPENID123', now).read(id, 100)).bytes).toBe(bytes);
  for (const other of ['oOTHER', null]) await expect(ownedFiles(raw, store, other, now).read(id, 100)).rejects.toBeInstanceOf(FileNotFoundError);
  // The OPENID as the file name, or the environment, is not ownership.
  await expect(ownedFiles(raw, store, 'oOPENID123', now).read('cloud://env-1.6465-env-1/appeals/oOPENID123', 100)).rejects.toBeInstanceOf(FileNotFoundError);
  await expect(ownedFiles(raw, store, 'env-1.6465-env-1', now).read(id, 100)).rejects.toBeInstanceOf(FileNotFoundError);
  await store.close();
});

it('locally: the uploads record names the owner; a read marks the file as used', async () => {
  const store = createSqliteStore(join(mkdtempSync(join(tmpdir(), 'saoma-owned-')), 'db'));
  await store.migrate();
  await store.insert('uploads', { _id: 'local:aaaaaaaaaaaaaaaaaaaaaaaa', accountId: 'demo-arrival', size: 5, type: 'image/png', createdAt: now.toISOString() });
  await expect(ownedFiles(raw, store, 'demo-resident-2', now).read('local:aaaaaaaaaaaaaaaaaaaaaaaa', 100)).rejects.toBeInstanceOf(FileNotFoundError);
  expect((await store.get('uploads', 'local:aaaaaaaaaaaaaaaaaaaaaaaa'))!.referencedAt).toBeUndefined();
  await ownedFiles(raw, store, 'demo-arrival', now).read('local:aaaaaaaaaaaaaaaaaaaaaaaa', 100);
  expect((await store.get('uploads', 'local:aaaaaaaaaaaaaaaaaaaaaaaa'))!.referencedAt).toBe(now.toISOString());
  await store.close();
});
