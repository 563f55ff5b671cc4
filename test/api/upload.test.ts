// Local uploads: the stand-in for wx.cloud.uploadFile, and the disk file store behind it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiskFileStore } from '../../adapters/files-disk';
import { FileNotFoundError, FileTooLargeError } from '../../domain/files/port';
import { startTestHost, type TestHost } from '../support/local-host';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

function multipart(name: string, content: Buffer) {
  const boundary = '----saoma-test';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

it('keeps an upload and answers its file id, which reads back the same bytes', async () => {
  const cookie = await host.signIn('demo-bureau');
  const body = multipart('名单.csv', Buffer.from('level,province\nhigh,吉林省\n'));
  const res = await host.app.inject({ method: 'POST', url: '/local/upload', ...body, headers: { ...body.headers, cookie } });
  expect(res.statusCode).toBe(200);
  const { fileId, size } = res.json().data;
  expect(fileId).toMatch(/^local:[0-9a-f]{24}\.csv$/);
  expect(size).toBe(Buffer.byteLength('level,province\nhigh,吉林省\n'));
});

it('refuses an upload without a session', async () => {
  const body = multipart('a.csv', Buffer.from('x'));
  const res = await host.app.inject({ method: 'POST', url: '/local/upload', ...body });
  expect(res.statusCode).toBe(401);
});

describe('disk file store', () => {
  const files = createDiskFileStore(mkdtempSync(join(tmpdir(), 'saoma-files-')));
  it('reads what it wrote, within a size limit', async () => {
    const id = await files.write('photo.jpg', Buffer.from('jpeg bytes'));
    expect((await files.read(id, 100)).bytes.toString()).toBe('jpeg bytes');
    await expect(files.read(id, 5)).rejects.toBeInstanceOf(FileTooLargeError);
  });
  it('never reads outside its folder or an id it did not make', async () => {
    await expect(files.read('local:../../etc/passwd', 1e6)).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(files.read('cloud://env/file', 1e6)).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(files.read('local:0123456789abcdef01234567', 1e6)).rejects.toBeInstanceOf(FileNotFoundError);
  });
});

describe('the local demo clock', () => {
  it('moves forward by whole days, and refuses anything else', async () => {
    const res = await host.app.inject({ method: 'POST', url: '/local/clock', payload: { offsetDays: 8 } });
    expect(res.json().data.offsetDays).toBe(8);
    expect(Date.parse(res.json().data.now)).toBe(host.clock.now.getTime() + 8 * 86_400_000);
    for (const offsetDays of [-1, 1.5, '8', 400]) {
      expect((await host.app.inject({ method: 'POST', url: '/local/clock', payload: { offsetDays } })).statusCode).toBe(400);
    }
    await host.app.inject({ method: 'POST', url: '/local/clock', payload: { offsetDays: 0 } });
  });
});
