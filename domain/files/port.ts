// The file port: uploaded files (a day's risk-area list, a testing site's spreadsheet, an appeal's
// photos) live in storage, and calls carry only their file id. In WeChat the app uploads with
// wx.cloud.uploadFile and passes the `cloud://` id; locally it posts to /local/upload and passes
// the `local:` id. Services read the bytes through this port and enforce their own size and type.

export interface StoredFile {
  bytes: Buffer;
  /** The name the person's file had, when known. */
  name?: string;
}

export interface FileStore {
  /** The file's bytes; throws FileNotFoundError for an id this store does not hold. */
  read(fileId: string, maxBytes: number): Promise<StoredFile>;
  /** Stores bytes under a path of our choosing and returns the file id. */
  write(path: string, bytes: Buffer): Promise<string>;
  /** Deletes a file (the sweep of uploads nobody used); absent where the platform does it. */
  remove?(fileId: string): Promise<void>;
  /**
   * A link that shows the file for `maxAgeSeconds` only (storage stays private: staff see an appeal's
   * photos through such links, each view audited). Throws FileNotFoundError for an unknown id.
   */
  tempUrl?(fileId: string, maxAgeSeconds: number): Promise<string>;
}

export class FileNotFoundError extends Error {
  constructor(readonly fileId: string) {
    super(`no such file: ${fileId}`);
    this.name = 'FileNotFoundError';
  }
}

export class FileTooLargeError extends Error {
  constructor(
    readonly fileId: string,
    readonly maxBytes: number,
  ) {
    super(`file ${fileId} is larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}
