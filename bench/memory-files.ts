// An in-memory file store for benchmarks and domain tests: the bytes a person would have uploaded.
import { FileNotFoundError, FileTooLargeError, type FileStore } from '../domain/files/port';

export interface MemoryFiles extends FileStore {
  add(name: string, bytes: Buffer): string;
}

export function memoryFiles(): MemoryFiles {
  const files = new Map<string, { bytes: Buffer; name: string }>();
  return {
    add(name, bytes) {
      const id = `mem:${files.size + 1}`;
      files.set(id, { bytes, name });
      return id;
    },
    async read(fileId, maxBytes) {
      const file = files.get(fileId);
      if (!file) throw new FileNotFoundError(fileId);
      if (file.bytes.length > maxBytes) throw new FileTooLargeError(fileId, maxBytes);
      return { bytes: file.bytes, name: file.name };
    },
    async write(path, bytes) {
      files.set(`mem:${path}`, { bytes, name: path });
      return `mem:${path}`;
    },
  };
}
