// A file id is usable only by the account that uploaded it (issue 13): the FileStore every call gets,
// in both modes, answers another account's file exactly like a missing one. Kept apart from
// uploads.ts so a cloud function bundles only this.
import type { Store } from '../store/port';
import { FileNotFoundError, type FileStore } from './port';

/**
 * The file store a call gets: only the caller's own uploads can be read. Locally the owner is in
 * `uploads`; in WeChat the app uploads under `<folder>/<OPENID>/…` (src/services/files.ts), so the
 * owner is a path segment of the cloud file id.
 */
export function ownedFiles(files: FileStore, store: Store, accountId: string | null, now: Date): FileStore {
  return {
    async read(fileId, maxBytes) {
      if (!accountId) throw new FileNotFoundError(fileId);
      if (fileId.startsWith('cloud://')) {
        // cloud://<env>.<bucket>/<folder>/<OPENID>/<name>: the uploader's OPENID is a path segment.
        if (!fileId.split('/').slice(3, -1).includes(accountId)) throw new FileNotFoundError(fileId);
        return files.read(fileId, maxBytes);
      }
      const upload = await store.get('uploads', fileId);
      if (!upload || upload.accountId !== accountId || upload.deletedAt) throw new FileNotFoundError(fileId);
      const file = await files.read(fileId, maxBytes);
      if (!upload.referencedAt) await store.update('uploads', fileId, { referencedAt: now.toISOString() });
      return { ...file, ...(upload.name ? { name: upload.name } : {}) };
    },
    write: (path, bytes) => files.write(path, bytes),
    ...(files.remove ? { remove: files.remove.bind(files) } : {}),
    // Links are for staff viewing what they are authorised to (appeal-photos.ts checks and audits).
    ...(files.tempUrl ? { tempUrl: files.tempUrl.bind(files) } : {}),
  };
}

