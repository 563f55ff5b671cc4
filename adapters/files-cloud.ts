// WeChat's file store: cloud storage through wx-server-sdk (downloadFile / uploadFile). The SDK is
// passed in, never imported here, so nothing initialises it outside a cloud function.
import { FileNotFoundError, FileTooLargeError, type FileStore } from '../domain/files/port';

export interface CloudStorageSdk {
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>;
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
}

export function createCloudFileStore(cloud: CloudStorageSdk): FileStore {
  return {
    async read(fileId, maxBytes) {
      if (!fileId.startsWith('cloud://')) throw new FileNotFoundError(fileId);
      let content: Buffer;
      try {
        ({ fileContent: content } = await cloud.downloadFile({ fileID: fileId }));
      } catch {
        throw new FileNotFoundError(fileId);
      }
      // Cloud storage cannot be asked for a size first: the limit is checked once it is here.
      if (content.length > maxBytes) throw new FileTooLargeError(fileId, maxBytes);
      return { bytes: content };
    },
    async write(path, bytes) {
      const { fileID } = await cloud.uploadFile({ cloudPath: path, fileContent: bytes });
      return fileID;
    },
  };
}
