// Local uploads: the stand-in for wx.cloud.uploadFile, and the disk file store behind it. Issue 13
// (Medium 7): a file id is usable only by its uploader, the type is read from the bytes, the file is
// kept without the uploader's extension, a per-account quota, and files nobody used are swept.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiskFileStore } from '../../adapters/files-disk';
import { FileNotFoundError, FileTooLargeError } from '../../domain/files/port';
import { sweepUnreferencedUploads, UPLOAD_QUOTA_FILES } from '../../domain/files/uploads';
import { LIMITS } from '../../domain/services/rate-limit';
import { startTestHost, type TestHost } from '../support/local-host';
import { fileFor, idNumber } from '../support/residents';

let host: TestHost;
beforeEach(async () => {
  host = await startTestHost();
});
afterEach(() => host.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png body')]);

function multipart(name: string | null, content: Buffer, type = 'application/octet-stream') {
  const boundary = '----saoma-test';
  const disposition = name === null ? 'form-data; name="file"' : `form-data; name="file"; filename="${name}"`;
  const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
async function upload(cookie: string, name: string | null, content: Buffer, type?: string) {
  const body = multipart(name, content, type);
  const res = await host.app.inject({ method: 'POST', url: '/local/upload', ...body, headers: { ...body.headers, cookie } });
  return { status: res.statusCode, json: res.json() };
}

it('keeps an upload under a random id without the uploader\'s extension; the type is read from the bytes', async () => {
  const cookie = await host.signIn('demo-bureau');
  const res = await upload(cookie, '名单.csv', Buffer.from('level,province\nhigh,吉林省\n'));
  expect(res.status).toBe(200);
  const { fileId, size } = res.json.data;
  expect(fileId).toMatch(/^local:[0-9a-f]{24}$/);
  expect(size).toBe(Buffer.byteLength('level,province\nhigh,吉林省\n'));
  expect(await host.store.get('uploads', fileId)).toMatchObject({ accountId: 'demo-bureau', type: 'text/plain', name: '名单.csv' });

  // A picture named .csv is a picture; a binary named .jpg that is no picture is refused.
  const png = await upload(cookie, 'list.csv', PNG, 'text/csv');
  expect((await host.store.get('uploads', png.json.data.fileId))!.type).toBe('image/png');
  const exe = await upload(cookie, 'photo.jpg', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), 'image/jpeg');
  expect(exe.status).toBe(400);
  expect(exe.json.error.message).toContain('不支持的文件类型');
});

it('a part with a content type but no filename is a 400, not a 500', async () => {
  const cookie = await host.signIn('demo-arrival');
  const res = await upload(cookie, null, PNG, 'image/png');
  expect(res.status).toBe(400);
  expect(res.json.error.code).toBe('BAD_INPUT');
  expect(await host.store.count('uploads')).toBe(0);
});

it('refuses an upload without a session', async () => {
  const body = multipart('a.csv', Buffer.from('x'));
  const res = await host.app.inject({ method: 'POST', url: '/local/upload', ...body });
  expect(res.statusCode).toBe(401);
});

it("another resident's photo id cannot be used in an appeal: answered as not found", async () => {
  const owner = await host.signIn('demo-arrival');
  const other = await host.signIn('demo-resident-2');
  await fileFor(host, other, 'yellow-C', { name: '李芳', idNumber: idNumber('19920101', '456') });
  const photo = (await upload(owner, 'me.png', PNG)).json.data.fileId;
  const res = await host.call('appeal', { action: 'submit', requestId: 'appeal-cross-1', reason: '我的健康码有误，请核实行程', photos: [photo] }, other);
  expect(res.status).toBe(400);
  expect(res.json.error).toMatchObject({ field: 'photos.0', message: expect.stringContaining('未找到') });
  expect(await host.store.count('appeals')).toBe(0);
  // Its own upload works.
  const own = (await upload(other, 'mine.png', PNG)).json.data.fileId;
  expect((await host.call('appeal', { action: 'submit', requestId: 'appeal-cross-2', reason: '我的健康码有误，请核实行程', photos: [own] }, other)).status).toBe(200);
  expect((await host.store.get('uploads', own))!.referencedAt).toBeDefined();
});

it('uploads are rate-limited and have a daily quota per account', async () => {
  const cookie = await host.signIn('demo-arrival');
  for (let i = 0; i < LIMITS.upload[0].max; i++) expect((await upload(cookie, `${i}.png`, PNG)).status).toBe(200);
  const limited = await upload(cookie, 'x.png', PNG);
  expect(limited.status).toBe(429);
  expect(limited.json.error.message).toContain('上传文件');
  // The quota: files within 24 hours, across windows.
  const seeded = UPLOAD_QUOTA_FILES - LIMITS.upload[0].max;
  for (let i = 0; i < seeded; i++) {
    await host.store.insert('uploads', { _id: `local:seed${i}`, accountId: 'demo-arrival', size: 1, type: 'image/png', createdAt: host.clock.now.toISOString() });
  }
  host.clock.now = new Date(host.clock.now.getTime() + 10 * 60_000);
  const over = await upload(cookie, 'y.png', PNG);
  expect(over.status).toBe(429);
  expect(over.json.error.message).toContain('24小时内上传已达上限');
});

it('the sweep removes files no action used after a day, and keeps the used ones', async () => {
  const cookie = await host.signIn('demo-arrival');
  await fileFor(host, cookie, 'yellow-C');
  const unused = (await upload(cookie, 'a.png', PNG)).json.data.fileId;
  const used = (await upload(cookie, 'b.png', PNG)).json.data.fileId;
  expect((await host.call('appeal', { action: 'submit', requestId: 'appeal-sweep-1', reason: '我的健康码有误，请核实行程', photos: [used] }, cookie)).status).toBe(200);
  const files = createDiskFileStore(join((host as TestHost & { dir: string }).dir, 'uploads'));
  const ctx = { store: host.store, files, now: new Date(host.clock.now.getTime() + 86_400_000 + 1000) };
  expect(await sweepUnreferencedUploads(ctx)).toEqual({ removed: 1 });
  await expect(files.read(unused, 1e6)).rejects.toBeInstanceOf(FileNotFoundError);
  expect((await files.read(used, 1e6)).bytes.equals(PNG)).toBe(true);
  expect(await sweepUnreferencedUploads(ctx)).toEqual({ removed: 0 });
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
