// The cloud file store's links: getTempFileURL with the asked maxAge; a failed file is "not found".
import { createCloudFileStore, type CloudStorageSdk } from '../../adapters/files-cloud';
import { FileNotFoundError } from '../../domain/files/port';

it('asks getTempFileURL for one file with maxAge, and treats a non-zero status as not found', async () => {
  const asked: unknown[] = [];
  const sdk = {
    getTempFileURL: async (options: { fileList: Array<{ fileID: string; maxAge: number }> }) => {
      asked.push(options);
      const f = options.fileList[0]!;
      return { fileList: [f.fileID.endsWith('gone.png') ? { fileID: f.fileID, tempFileURL: '', status: -503003, errMsg: 'file not exist' } : { fileID: f.fileID, tempFileURL: 'https://x.tcb.qcloud.la/a.png?sign=s&t=1', status: 0 }] };
    },
  } as unknown as CloudStorageSdk;
  const files = createCloudFileStore(sdk);
  await expect(files.tempUrl!('cloud://env.bucket/appeals/oWx/a.png', 600)).resolves.toBe('https://x.tcb.qcloud.la/a.png?sign=s&t=1');
  expect(asked).toEqual([{ fileList: [{ fileID: 'cloud://env.bucket/appeals/oWx/a.png', maxAge: 600 }] }]);
  await expect(files.tempUrl!('cloud://env.bucket/appeals/oWx/gone.png', 600)).rejects.toBeInstanceOf(FileNotFoundError);
  await expect(files.tempUrl!('local:abc', 600)).rejects.toBeInstanceOf(FileNotFoundError);
});
