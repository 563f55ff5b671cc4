// WeChat's file store: cloud storage through wx-server-sdk (downloadFile / uploadFile). The SDK is
// passed in, never imported here, so nothing initialises it outside a cloud function.
import { FileNotFoundError, FileTooLargeError, type FileStore } from '../domain/files/port';

export interface CloudStorageSdk {
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>;
  getTempFileURL(options: { fileList: Array<{ fileID: string; maxAge: number }> }): Promise<{
    fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg?: string }>;
  }>;
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
    async tempUrl(fileId, maxAgeSeconds) {
      // getTempFileURL: a private file's link expires (maxAge, seconds); a public-read file's never
      // does — which is why storage must be 仅管理端可读写 (developers.weixin.qq.com … Cloud.getTempFileURL;
      // docs.cloudbase.net/storage/get-temp-url). Per file: status 0 is success.
      if (!fileId.startsWith('cloud://')) throw new FileNotFoundError(fileId);
      const { fileList } = await cloud.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: maxAgeSeconds }] });
      const file = fileList[0];
      if (!file || file.status !== 0 || !file.tempFileURL) throw new FileNotFoundError(fileId);
      return file.tempFileURL;
    },
    async write(path, bytes) {
      const { fileID } = await cloud.uploadFile({ cloudPath: path, fileContent: bytes });
      return fileID;
    },
  };
}
