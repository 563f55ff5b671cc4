// Local mode's file store: files under DATA_DIR/uploads, ids `local:<name>`.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FileNotFoundError, FileTooLargeError, type FileStore } from '../domain/files/port';

const ID = /^local:([A-Za-z0-9_-]{8,64})(?:\.([A-Za-z0-9]{1,8}))?$/;

export function createDiskFileStore(dir: string): FileStore & { save(bytes: Buffer, originalName?: string): Promise<string> } {
  mkdirSync(dir, { recursive: true });
  const pathOf = (fileId: string) => {
    // Only ids we made: a name cannot reach outside the folder.
    const m = ID.exec(fileId);
    return m ? join(dir, fileId.slice('local:'.length)) : null;
  };
  return {
    async read(fileId, maxBytes) {
      const path = pathOf(fileId);
      if (!path) throw new FileNotFoundError(fileId);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) throw new FileNotFoundError(fileId);
      if (info.size > maxBytes) throw new FileTooLargeError(fileId, maxBytes);
      return { bytes: await readFile(path) };
    },
    async write(path, bytes) {
      const ext = /\.([A-Za-z0-9]{1,8})$/.exec(basename(path))?.[1];
      const id = `local:${randomBytes(12).toString('hex')}${ext ? `.${ext}` : ''}`;
      await writeFile(pathOf(id)!, bytes, { mode: 0o600 });
      return id;
    },
    /** Local mode has no storage links: the photo itself as a data URL (the host serves no files). */
    async tempUrl(fileId) {
      const path = pathOf(fileId);
      const bytes = path ? await readFile(path).catch(() => null) : null;
      if (!bytes) throw new FileNotFoundError(fileId);
      const type = bytes[0] === 0xff ? 'image/jpeg' : bytes[0] === 0x89 ? 'image/png' : 'image/webp';
      return `data:${type};base64,${bytes.toString('base64')}`;
    },
    async remove(fileId) {
      const path = pathOf(fileId);
      if (path) await rm(path, { force: true });
    },
    /** An upload from the app: kept under a random name, without the uploader's extension. */
    async save(bytes) {
      return this.write('upload', bytes);
    },
  };
}
