// Appeals (三(四)) through the local host: submission and its limits, the staff queue, the two
// kinds of answer, the 24-hour deadline and escalation, the Bureau's figures, and the audit trail.
import { startTestHost, type TestHost } from '../support/local-host';
import { fileFor } from '../support/residents';
import { escalateOverdueAppeals } from '../../domain/services/appeal';
import { hechiPolicy } from '../../domain/policy';
import { divisions } from '../../domain/divisions';

let host: TestHost;
let resident: string;
let platform: string;
beforeEach(async () => {
  host = await startTestHost();
  resident = await host.signIn('demo-arrival');
  platform = await host.signIn('demo-platform');
});
afterEach(() => host.close());

const HOUR = 3_600_000;
const later = (ms: number) => (host.clock.now = new Date(host.clock.now.getTime() + ms));
let seq = 0;
const submit = (body: Record<string, unknown> = {}, cookie = resident) =>
  host.call('appeal', { action: 'submit', requestId: `appeal-req-${++seq}`, reason: '我4月以来一直在南宁，没有去过长春，行程填错了。', ...body }, cookie);
const answer = (body: Record<string, unknown>, cookie = platform) => host.call('appeal', { action: 'answer', ...body }, cookie);
const STANDS = { outcome: 'stands', reason: '行程中的长春市南关区有确诊病例，赋码无误', process: '完成7天健康监测并核酸检测阴性后，由社区申请转绿码', phone: '0778-2281234', address: '河池市金城江区新建路1号政务服务中心' };
const job = () =>
  escalateOverdueAppeals({ store: host.store, files: null as never, now: host.clock.now, identity: null, policy: hechiPolicy, divisions: divisions(), tokenSecret: 'x'.repeat(32) });

function upload(cookie: string, name: string, bytes: Buffer) {
  const boundary = '----saoma-appeal';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return host.app
    .inject({
      method: 'POST',
      url: '/local/upload',
      payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie },
    })
    .then((r) => r.json().data.fileId as string);
}
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 2)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(100, 3)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]);

describe('submitting', () => {
  beforeEach(() => fileFor(host, resident, 'yellow-C'));

  it('keeps the appeal with a 24-hour deadline and photos typed by their bytes; one open appeal at a time', async () => {
    const photos = [await upload(resident, 'a.png', PNG), await upload(resident, 'b.jpg', JPEG), await upload(resident, 'c.webp', WEBP)];
    const res = await submit({ photos });
    expect(res.status).toBe(200);
    const { appeal } = res.json.data;
    expect(appeal).toMatchObject({ status: 'open', overdue: false, escalated: false, photoCount: 3, codeAtSubmit: { color: 'yellow', clause: '一(三)1' } });
    expect(Date.parse(appeal.deadline) - Date.parse(appeal.createdAt)).toBe(24 * HOUR);
    const doc = await host.store.get('appeals', appeal.id);
    expect(doc!.photos.map((p) => p.type)).toEqual(['image/png', 'image/jpeg', 'image/webp']);
    expect(doc!.countyCode).toBe('451202');

    const second = await submit();
    expect(second.status).toBe(409);
    expect(second.json.error.message).toContain('正在处理的申诉');
    expect(await host.store.count('appeals')).toBe(1);
  });

  it('a retried request files one appeal', async () => {
    const body = { requestId: 'appeal-retry-1' };
    const [a, b] = [await submit(body), await submit(body)];
    expect(a.json.data.duplicate).toBe(false);
    expect(b.json.data).toMatchObject({ duplicate: true, appeal: { id: a.json.data.appeal.id } });
    expect(await host.store.count('appeals')).toBe(1);
  });

  const badCases: Array<[string, () => Promise<Record<string, unknown>>, number, string | undefined, RegExp]> = [
    ['no reason', async () => ({ reason: undefined }), 400, 'reason', /缺少「申诉理由」/],
    ['an empty reason', async () => ({ reason: '' }), 400, 'reason', /「申诉理由」不能为空/],
    ['a reason of spaces', async () => ({ reason: '    　 ' }), 400, 'reason', /请写明申诉理由/],
    ['a reason of 2,000 characters', async () => ({ reason: '长'.repeat(2000) }), 400, 'reason', /不能超过1000个字/],
    ['an executable "photo"', async () => ({ photos: [await upload(resident, 'photo.jpg', EXE)] }), 400, 'photos.0', /不是图片/],
    ['a 50 MB "photo"', async () => ({ photos: [await upload(resident, 'big.jpg', Buffer.concat([JPEG, Buffer.alloc(50 * 1024 * 1024)]))] }), 400, 'photos.0', /超过5MB/],
    ['four photos', async () => ({ photos: ['local:a', 'local:b', 'local:c', 'local:d'] }), 400, 'photos', /最多填写3项/],
    ['an unknown photo id', async () => ({ photos: ['local:0123456789abcdef01234567.jpg'] }), 400, 'photos.0', /未找到/],
  ];
  it.each(badCases)('%s: a clear error in Chinese, nothing written', async (_n, body, status, field, message) => {
    const res = await submit(await body());
    expect(res.status).toBe(status);
    expect(res.json.error.code).toBe('BAD_INPUT');
    if (field) expect(res.json.error.field).toBe(field);
    expect(res.json.error.message).toMatch(message);
    expect(await host.store.count('appeals')).toBe(0);
  });

  it('a 5 MB text is refused at the door in Chinese, nothing written', async () => {
    const res = await submit({ reason: '长'.repeat(5 * 1024 * 1024 / 3) });
    expect(res.status).toBe(413);
    expect(res.json.error).toMatchObject({ code: 'BAD_INPUT', message: '提交的内容过大，请精简后重试' });
    expect(await host.store.count('appeals')).toBe(0);
  });
});

it('no code yet: nothing to appeal', async () => {
  const res = await submit();
  expect(res.status).toBe(409);
  expect(await host.store.count('appeals')).toBe(0);
});

describe('the staff side', () => {
  let appealId: string;
  beforeEach(async () => {
    await fileFor(host, resident, 'yellow-C');
    appealId = (await submit()).json.data.appeal.id;
  });

  it('the queue of the jurisdiction, soonest deadline first, identifiers masked; others cannot see it', async () => {
    // A second person's appeal, filed earlier: first in the queue.
    const other = await host.signIn('demo-resident-2');
    host.clock.now = new Date(host.clock.now.getTime() - HOUR);
    await fileFor(host, other, 'yellow-B', { name: '李芳', idNumber: '450702199003071249' });
    const earlier = (await submit({}, other)).json.data.appeal.id;
    later(HOUR);

    const queue = await host.call('appeal', { action: 'queue' }, platform);
    expect(queue.status).toBe(200);
    expect(queue.json.data.appeals.map((a: { id: string }) => a.id)).toEqual([earlier, appealId]);
    expect(queue.json.data.appeals[1]).toMatchObject({ personName: '王小明', idNumberMasked: '450702********1230', phone: '138****8000', countyName: expect.stringContaining('金城江区') });

    expect((await host.call('appeal', { action: 'queue' }, resident)).status).toBe(403);
    await host.store.put('accounts', { _id: 'platform-yizhou', role: 'platform', name: '宜州专员', jurisdiction: '451203', createdAt: host.clock.now.toISOString() });
    const elsewhere = await host.signIn('platform-yizhou');
    expect((await host.call('appeal', { action: 'queue' }, elsewhere)).json.data.appeals).toEqual([]);
    expect((await host.call('appeal', { action: 'get', id: appealId }, elsewhere)).status).toBe(403);
    expect((await answer({ id: appealId, ...STANDS }, elsewhere)).status).toBe(403);
  });

  it('"stands" needs the reason, the process, a phone and an address; the person sees all four, and it stays in the history', async () => {
    for (const missing of ['process', 'phone', 'address'] as const) {
      const res = await answer({ id: appealId, ...STANDS, [missing]: undefined });
      expect(res.status).toBe(400);
      expect(res.json.error.field).toBe(missing);
      expect(res.json.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const noReason = await answer({ id: appealId, ...STANDS, reason: undefined });
    expect(noReason.json.error).toMatchObject({ code: 'BAD_INPUT', field: 'reason', message: '缺少「答复理由」' });
    expect((await answer({ id: appealId, ...STANDS, phone: '12' })).json.error.field).toBe('phone');
    expect(await host.store.count('appealAnswers')).toBe(0);
    expect((await host.store.get('appeals', appealId))!.status).toBe('open');

    later(2 * HOUR);
    const res = await answer({ id: appealId, ...STANDS });
    expect(res.status).toBe(200);
    expect(res.json.data.appeal).toMatchObject({ status: 'answered', answer: { outcome: 'stands', withinDeadline: true } });

    const mine = (await host.call('appeal', { action: 'mine' }, resident)).json.data.appeals;
    expect(mine[0].answer).toMatchObject({ reason: STANDS.reason, process: STANDS.process, phone: STANDS.phone, address: STANDS.address });
    const code = (await host.call('code', { action: 'mine' }, resident)).json.data;
    expect(code.decision.code).toBe('yellow');
    const history = (await host.call('code', { action: 'history' }, resident)).json.data.entries;
    expect(history[0]).toMatchObject({ kind: 'appeal-answer', title: '申诉答复：赋码无误' });
    expect(history[0].detail).toContain(STANDS.address);

    const again = await answer({ id: appealId, ...STANDS });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toBe('该申诉已答复，不能重复答复');
    // Answered: a new appeal may be filed.
    expect((await submit()).status).toBe(200);
  });

  it('"wrong" corrects the code at once, with a record', async () => {
    const same = await answer({ id: appealId, outcome: 'wrong', reason: '核实未到过长春', correctCode: 'yellow' });
    expect(same.json.error.field).toBe('correctCode');
    expect((await answer({ id: appealId, outcome: 'wrong', reason: '核实未到过长春' })).json.error.field).toBe('correctCode');

    later(HOUR);
    const res = await answer({ id: appealId, outcome: 'wrong', reason: '核实4月以来未离开南宁', correctCode: 'green' });
    expect(res.status).toBe(200);
    const code = (await host.call('code', { action: 'mine' }, resident)).json.data;
    expect(code.decision).toMatchObject({ code: 'green', clause: '三(四)', movementWindowEligible: false });
    expect(code.decision.reason).toContain('核实4月以来未离开南宁');
    const personId = code.personId;
    const events = await host.store.find('codeEvents', { where: { personId }, orderBy: [['at', 'asc']] });
    expect(events.map((e) => [e.source, e.from, e.to])).toEqual([['report', null, 'yellow'], ['appeal', 'yellow', 'green']]);
    expect(events[1]!.actorId).toBe('demo-platform');
    const mine = (await host.call('appeal', { action: 'mine' }, resident)).json.data.appeals;
    expect(mine[0].answer).toMatchObject({ outcome: 'wrong', correctedTo: 'green' });
  });

  it('two staff answering at once: one answer, the other told it is answered', async () => {
    const bureau = await host.signIn('demo-bureau');
    const results = await Promise.all([
      answer({ id: appealId, outcome: 'wrong', reason: '核实未到过长春', correctCode: 'green' }),
      answer({ id: appealId, ...STANDS }, bureau),
      answer({ id: appealId, ...STANDS }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await host.store.count('appealAnswers')).toBe(1);
  });

  it('every staff read and answer is audited', async () => {
    await host.call('appeal', { action: 'queue' }, platform);
    later(1000);
    await host.call('appeal', { action: 'get', id: appealId }, platform);
    later(1000);
    await answer({ id: appealId, ...STANDS });
    const log = await host.store.find('auditLog', { where: { actorId: 'demo-platform' }, orderBy: [['at', 'asc']] });
    expect(log.map((a) => a.action)).toEqual(['appeals.list', 'appeal.read', 'appeal.answer']);
    expect(log[2]).toMatchObject({ target: `appeals/${appealId}`, before: { status: 'open' }, after: { outcome: 'stands', phone: STANDS.phone } });
  });
});

describe('the 24-hour deadline', () => {
  it('overdue at 24 h, escalated by the job, answered late; the Bureau sees the share and the overdue count', async () => {
    await fileFor(host, resident, 'yellow-C');
    const id = (await submit()).json.data.appeal.id;
    const bureau = await host.signIn('demo-bureau');

    later(24 * HOUR - 1);
    expect(await job()).toEqual({ escalated: [] });
    expect((await host.call('appeal', { action: 'queue' }, platform)).json.data.appeals[0]).toMatchObject({ overdue: false, escalated: false });

    later(1);
    expect(await job()).toEqual({ escalated: [id] });
    expect(await job()).toEqual({ escalated: [] }); // idempotent
    const queued = (await host.call('appeal', { action: 'queue' }, bureau)).json.data.appeals;
    expect(queued[0]).toMatchObject({ id, overdue: true, escalated: true });
    expect((await host.call('appeal', { action: 'mine' }, resident)).json.data.appeals[0]).toMatchObject({ overdue: true });

    let stats = (await host.call('appeal', { action: 'stats' }, bureau)).json.data.stats;
    expect(stats).toMatchObject({ scope: '4512', total: 1, open: 1, overdueOpen: 1, answeredOnTime: 0, answeredLate: 0, shareWithin24h: 0 });
    expect((await host.call('appeal', { action: 'stats' }, platform)).status).toBe(403);

    // The Bureau answers the escalated appeal, late.
    expect((await answer({ id, ...STANDS }, bureau)).json.data.appeal.answer.withinDeadline).toBe(false);
    // A second person's appeal answered in time.
    const other = await host.signIn('demo-resident-2');
    await fileFor(host, other, 'yellow-B', { name: '李芳', idNumber: '450702199003071249' });
    const id2 = (await submit({}, other)).json.data.appeal.id;
    later(HOUR);
    await answer({ id: id2, ...STANDS });
    stats = (await host.call('appeal', { action: 'stats' }, bureau)).json.data.stats;
    expect(stats).toMatchObject({ total: 2, open: 0, overdueOpen: 0, answeredOnTime: 1, answeredLate: 1, shareWithin24h: 0.5 });
  });
});
