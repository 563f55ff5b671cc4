// Staff see an appeal's photos only through short-lived links (storage stays private), only within
// their role and jurisdiction, and every view is audited.
import { startTestHost, type TestHost } from '../support/local-host';
import { fileFor } from '../support/residents';

let host: TestHost;
let resident: string;
let platform: string;
beforeEach(async () => {
  host = await startTestHost();
  resident = await host.signIn('demo-arrival');
  platform = await host.signIn('demo-platform');
  await fileFor(host, resident, 'yellow-C');
});
afterEach(() => host.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);

function upload(cookie: string, bytes: Buffer) {
  const boundary = '----saoma-photo';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return host.app
    .inject({
      method: 'POST',
      url: '/local/upload',
      payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie },
    })
    .then((r) => r.json().data.fileId as string);
}

async function appealWithPhoto(): Promise<string> {
  const photo = await upload(resident, PNG);
  const res = await host.call('appeal', { action: 'submit', requestId: 'photo-appeal-1', reason: '我一直在南宁，没有去过长春，行程填错了。', photos: [photo] }, resident);
  expect(res.status).toBe(200);
  return res.json.data.appeal.id as string;
}

const views = async () => (await host.store.find('auditLog', { where: { action: 'appeal.photo.view' } })).length;

it('the platform staff of the county get a ten-minute link to the photo, and the view is audited', async () => {
  const id = await appealWithPhoto();
  const res = await host.call('appeal', { action: 'photo', id, index: 0 }, platform);
  expect(res.status).toBe(200);
  expect(res.json.data.type).toBe('image/png');
  // Local mode: the photo itself (no storage links); in WeChat a getTempFileURL link with maxAge 600.
  expect(Buffer.from(res.json.data.url.replace(/^data:image\/png;base64,/, ''), 'base64')).toEqual(PNG);
  expect(Date.parse(res.json.data.expiresAt) - host.clock.now.getTime()).toBe(600_000);
  const [entry] = await host.store.find('auditLog', { where: { action: 'appeal.photo.view' } });
  expect(entry).toMatchObject({ actorId: 'demo-platform', target: `appeals/${id}` });
});

it('the resident, a role without appeals, a photo that is not there: refused, nothing audited', async () => {
  const id = await appealWithPhoto();
  expect((await host.call('appeal', { action: 'photo', id, index: 0 }, resident)).status).toBe(403);
  expect((await host.call('appeal', { action: 'photo', id, index: 0 }, await host.signIn('demo-community'))).status).toBe(403);
  const missing = await host.call('appeal', { action: 'photo', id, index: 1 }, platform);
  expect(missing.status).toBe(404);
  expect(missing.json.error.message).toBe('该申诉没有这张照片');
  expect((await host.call('appeal', { action: 'photo', id, index: 3 }, platform)).json.error).toMatchObject({ code: 'BAD_INPUT', field: 'index' });
  expect(await views()).toBe(0);
});
