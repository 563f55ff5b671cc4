// Policy versions with an effective date (issue 11), through the host: the Bureau checks and schedules
// a new policy file (the TEST FIXTURE of test/policy/fixtures — not a real policy), it takes effect at
// 00:00 Asia/Shanghai on its date (a report at 23:30 still gets the old version, one at 00:30 the new),
// and the job re-codes the active people: stricter at once, looser to the area administrator. Every
// decision and history entry names the version. Withdrawn only before its date; never edited.
import fixture from '../policy/fixtures/two-levels.fixture.json';
import { divisions } from '../../domain/divisions';
import { hechiPolicy } from '../../domain/policy';
import { continueRiskJobs } from '../../domain/services/risk-job';
import type { ServiceContext } from '../../domain/services/context';
import { createDiskFileStore } from '../../adapters/files-disk';
import { join } from 'node:path';
import { startTestHost, type TestHost } from '../support/local-host';
import { idNumber, PLACES, reportInput } from '../support/reports';

let host: TestHost & { dir: string };
let bureau: string;
let checkpoint: string;

// Wednesday 2022-04-20 12:00 in Hechi; the fixture is scheduled for Friday 2022-04-22.
const START = new Date('2022-04-20T04:00:00Z');
const EVE_2330 = new Date('2022-04-21T15:30:00Z');
const DAY_0030 = new Date('2022-04-21T16:30:00Z');
const FIXTURE_VERSION = 'fixture-two-levels@1.0.0';

beforeEach(async () => {
  host = await startTestHost(START);
  bureau = await host.signIn('demo-bureau');
  checkpoint = await host.signIn('demo-checkpoint');
});
afterEach(() => host.close());

async function upload(cookie: string, content: unknown, name = 'policy.json'): Promise<string> {
  const boundary = '----saoma';
  const bytes = Buffer.from(typeof content === 'string' ? content : JSON.stringify(content));
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/json\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await host.app.inject({ method: 'POST', url: '/local/upload', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().data.fileId;
}

/** What the host's loop and the riskJob timer do every few seconds. */
function runJobs() {
  const ctx = {
    store: host.store,
    files: createDiskFileStore(join(host.dir, 'uploads')),
    now: host.clock.now,
    identity: null,
    policy: hechiPolicy,
    divisions: divisions(),
    tokenSecret: 'test-token-secret-test-token-secret',
  } as ServiceContext;
  return continueRiskJobs(ctx, 60_000);
}

async function areaId(level: 'high' | 'medium'): Promise<string> {
  const res = await host.call('division', { action: 'riskAreas', countyCode: '220103' }, checkpoint);
  return res.json.data.areas.find((a: { level: string }) => a.level === level).id;
}

/** A person filed on the spot by the checkpoint; returns the report's decision and person id. */
async function file(serial: string, arrivalDate: string, itinerary: unknown[], resident?: string) {
  const input = reportInput(host.clock.now, { name: nameOf(serial), idNumber: idNumber('19900101', serial), arrivalDate, itinerary });
  const res = resident ? await host.call('report', input, resident) : await host.call('checkpoint', { ...input, action: 'report' }, checkpoint);
  if (res.status !== 200) throw new Error(JSON.stringify(res.json));
  const report = await host.store.get('reports', res.json.data.report.id);
  return { personId: report!.personId, decision: report!.decision };
}
const nameOf = (serial: string) => `测试${[...serial].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`;
const codeOf = async (personId: string) => (await host.store.get('codes', personId))!;

async function schedule(content: unknown = fixture, effectiveDate = '2022-04-22') {
  const fileId = await upload(bureau, content);
  return host.call('policy', { action: 'schedule', fileId, effectiveDate, reason: '测试用政策文件' }, bureau);
}

describe('checking and scheduling a policy file', () => {
  it('the Bureau sees the file validated, what it changes in words and how many active people it would re-code', async () => {
    await file('101', '2022-04-19', [{ townCode: PLACES.nanguanTown, departDate: '2022-04-19' }]); // C: yellow → green
    const fileId = await upload(bureau, fixture);
    const res = await host.call('policy', { action: 'check', fileId, effectiveDate: '2022-04-22' }, bureau);
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ ok: true, problems: [], policyVersion: FIXTURE_VERSION, replaces: 'hechi-2022-04-09@1.0.0' });
    expect(res.json.data.changes).toContain('计入行程的天数：抵河前14天 → 7天');
    expect(res.json.data.affected).toEqual({ read: 1, stricter: 0, looser: 1, complete: true });
    expect(await host.store.count('policyVersions')).toBe(0);
  });

  it('a file whose vectors fail is shown its problems and cannot be scheduled; nothing is written', async () => {
    const broken = JSON.parse(JSON.stringify(fixture));
    broken.itineraryWindowDays = 14;
    const fileId = await upload(bureau, broken);
    const checked = await host.call('policy', { action: 'check', fileId, effectiveDate: '2022-04-22' }, bureau);
    expect(checked.json.data.ok).toBe(false);
    expect(checked.json.data.problems.join('\n')).toMatch(/vector "high area left 8 days before arrival/);
    const res = await host.call('policy', { action: 'schedule', fileId, effectiveDate: '2022-04-22', reason: '测试' }, bureau);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ field: 'fileId', message: expect.stringContaining('未通过检查') });
    const notJson = await host.call('policy', { action: 'schedule', fileId: await upload(bureau, '{"id":'), effectiveDate: '2022-04-22', reason: '测试' }, bureau);
    expect(notJson.json.error).toMatchObject({ field: 'fileId', message: '政策文件不是有效的JSON（UTF-8）' });
    expect(await host.store.count('policyVersions')).toBe(0);
    expect(await host.store.count('policyBodies')).toBe(0);
  });

  it('a date must be after today; only the Bureau may; the same version twice is refused', async () => {
    const today = await host.call('policy', { action: 'schedule', fileId: await upload(bureau, fixture), effectiveDate: '2022-04-20', reason: '测试' }, bureau);
    expect(today.status).toBe(400);
    expect(today.json.error.field).toBe('effectiveDate');
    const impossible = await host.call('policy', { action: 'schedule', fileId: await upload(bureau, fixture), effectiveDate: '2022-02-30', reason: '测试' }, bureau);
    expect(impossible.json.error).toMatchObject({ field: 'effectiveDate', message: '生效日期不是有效的日期' });
    const platform = await host.signIn('demo-platform');
    expect((await host.call('policy', { action: 'list' }, platform)).status).toBe(403);
    expect((await schedule()).status).toBe(200);
    const again = await schedule(fixture, '2022-04-23');
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('请改用新的版本号');
    expect(await host.store.count('policyVersions')).toBe(1);
  });

  it('withdrawn before its date, never after; a withdrawn version never takes effect', async () => {
    const first = await schedule();
    const later = await schedule({ ...fixture, version: '1.0.1' }, '2022-04-25');
    const withdrawn = await host.call('policy', { action: 'withdraw', id: later.json.data.version.id, reason: '文件有误' }, bureau);
    expect(withdrawn.json.data.version.state).toBe('withdrawn');
    host.clock.now = new Date('2022-04-26T04:00:00Z');
    const tooLate = await host.call('policy', { action: 'withdraw', id: first.json.data.version.id, reason: '想撤回' }, bureau);
    expect(tooLate.status).toBe(409);
    expect(tooLate.json.error.message).toContain('已于2022年4月22日生效，不能撤回或修改');
    const list = await host.call('policy', { action: 'list' }, bureau);
    expect(list.json.data.inForce).toBe(FIXTURE_VERSION);
    expect(list.json.data.versions.map((v: { policyVersion: string; state: string }) => `${v.policyVersion} ${v.state}`)).toEqual([
      'fixture-two-levels@1.0.1 withdrawn',
      'fixture-two-levels@1.0.0 in-force',
      'hechi-2022-04-09@1.0.0 past',
    ]);
  });
});

describe('the switch on its date', () => {
  it('takes effect at 00:00: 23:30 is still the old version, 00:30 the new; the job re-codes the active people', async () => {
    const high = await areaId('high');
    // Filed on 04-20 under the Hechi policy; codes as they would be on 04-22 under each:
    const people = {
      // A high, arrived 04-12: Hechi red to day 21; fixture red to day 7 → looser (day 10), waits.
      highDay10: await file('201', '2022-04-12', [{ townCode: PLACES.kuanchengTown, departDate: '2022-04-12', riskAreaIds: [high] }]),
      // B, arrived 04-11: Hechi yellow from day 8; fixture red to day 14 → stricter (day 11), at once.
      countyDay11: await file('202', '2022-04-11', [{ townCode: PLACES.kuanchengTown, departDate: '2022-04-11', riskAreaIds: [] }], await host.signIn('demo-resident-2')),
      // B, arrived 04-18: red under both → unchanged.
      countyDay4: await file('203', '2022-04-18', [{ townCode: PLACES.kuanchengTown, departDate: '2022-04-18', riskAreaIds: [] }]),
      // C: Hechi yellow, fixture green → looser, waits.
      city: await file('204', '2022-04-19', [{ townCode: PLACES.nanguanTown, departDate: '2022-04-19' }]),
      // Left the listed county 10 days before arrival: counted in Hechi's 14 days (red), not in the fixture's 7 → looser.
      earlyStop: await file('205', '2022-04-18', [
        { townCode: PLACES.kuanchengTown, departDate: '2022-04-08', riskAreaIds: [] },
        { townCode: PLACES.nanningTown, departDate: '2022-04-18' },
      ]),
      // No risk: green under both.
      none: await file('206', '2022-04-19', [{ townCode: PLACES.nanningTown, departDate: '2022-04-19' }]),
    };
    expect(Object.values(people).map((p) => p.decision.code)).toEqual(['red', 'yellow', 'red', 'yellow', 'red', 'green']);
    expect(new Set(Object.values(people).map((p) => p.decision.policyVersion))).toEqual(new Set(['hechi-2022-04-09@1.0.0']));
    const scheduled = await schedule();
    expect(scheduled.status).toBe(200);
    expect(scheduled.json.data.version).toMatchObject({ state: 'scheduled', affected: { read: 6, stricter: 1, looser: 3, complete: true } });

    // 23:30 on the eve: the old version still decides, and no job starts.
    host.clock.now = EVE_2330;
    const eve = await file('301', '2022-04-21', [{ townCode: PLACES.nanguanTown, departDate: '2022-04-21' }]);
    expect(eve.decision).toMatchObject({ code: 'yellow', clause: '一(三)1', policyVersion: 'hechi-2022-04-09@1.0.0' });
    const rulesEve = await host.call('division', { action: 'formRules' }, await host.signIn('demo-arrival'));
    expect(rulesEve.json.data).toEqual({ policyVersion: 'hechi-2022-04-09@1.0.0', itineraryWindowDays: 14, maxArrivalAgeDays: 60 });
    await runJobs();
    expect(await host.store.count('jobs', { kind: 'policy-switch' })).toBe(0);

    // 00:30 on the day: the new version decides every call.
    host.clock.now = DAY_0030;
    const day = await file('302', '2022-04-21', [{ townCode: PLACES.nanguanTown, departDate: '2022-04-21' }]);
    expect(day.decision).toMatchObject({ code: 'green', clause: '试6', policyVersion: FIXTURE_VERSION });
    // The report form follows the version in force too: its itinerary window is the fixture's 7 days.
    const rulesDay = await host.call('division', { action: 'formRules' }, await host.signIn('demo-arrival'));
    expect(rulesDay.json.data).toMatchObject({ policyVersion: FIXTURE_VERSION, itineraryWindowDays: 7 });

    await runJobs();
    await runJobs(); // a second timer finds the job done and starts no other
    const jobs = await host.store.find('jobs', { where: { kind: 'policy-switch' } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ status: 'done', counters: { stricter: 1, looser: 4 } });

    // Stricter at once, naming the version; looser kept, waiting for the area administrator.
    expect(await codeOf(people.countyDay11.personId)).toMatchObject({ color: 'red', decision: { clause: '试4', policyVersion: FIXTURE_VERSION } });
    expect((await codeOf(people.countyDay11.personId)).decision.reason).toContain('【测试夹具，非真实政策】');
    expect((await codeOf(people.highDay10.personId)).color).toBe('red');
    expect((await codeOf(people.countyDay4.personId)).color).toBe('red');
    expect((await codeOf(people.city.personId)).color).toBe('yellow');
    expect((await codeOf(people.earlyStop.personId)).color).toBe('red');
    expect((await codeOf(people.none.personId)).color).toBe('green');
    expect((await codeOf(eve.personId)).color).toBe('yellow');

    const reviews = await host.store.find('recodeReviews', { where: { status: 'pending' } });
    const waiting = new Map(reviews.map((r) => [r.personId, r.proposed] as const));
    expect(waiting.get(people.highDay10.personId)).toMatchObject({ code: 'yellow', clause: '试2', policyVersion: FIXTURE_VERSION });
    expect(waiting.get(people.city.personId)).toMatchObject({ code: 'green', clause: '试6' });
    expect(waiting.get(people.earlyStop.personId)).toMatchObject({ code: 'green', clause: '试7' });
    expect(waiting.get(eve.personId)).toMatchObject({ code: 'green' });
    expect(waiting.size).toBe(4);

    // The area administrator sees them and applies one: evaluated again under the version in force.
    const admin = await host.signIn('demo-area-admin');
    const list = await host.call('risk', { action: 'recodeWorklist' }, admin);
    expect(list.json.data.items).toHaveLength(4);
    const item = list.json.data.items.find((i: { name: string }) => i.name === nameOf('204'));
    const applied = await host.call('risk', { action: 'recodeDecide', id: item.id, apply: true, reason: '政策调整，核实无误' }, admin);
    expect(applied.status).toBe(200);
    expect(await codeOf(people.city.personId)).toMatchObject({ color: 'green', decision: { policyVersion: FIXTURE_VERSION } });
    // The applied code says which policy it follows, not a list.
    expect((await codeOf(people.city.personId)).decision.reason).toMatch(new RegExp(`^区划管理员确认：按.+（${FIXTURE_VERSION.replace(/[.@]/g, '\\$&')}）重新赋码：`));

    // Every history entry names the version that made it.
    const events = await host.store.find('codeEvents', { where: { personId: people.countyDay11.personId }, orderBy: [['at', 'asc']] });
    expect(events.map((e) => [e.to, e.policyVersion])).toEqual([
      ['yellow', 'hechi-2022-04-09@1.0.0'],
      ['red', FIXTURE_VERSION],
    ]);
    const history = await host.call('code', { action: 'history' }, await host.signIn('demo-resident-2'));
    expect(history.json.data.entries.filter((e: { kind: string }) => e.kind === 'code').map((e: { title: string; policyVersion: string }) => [e.title, e.policyVersion])).toEqual([
      ['政策版本生效后重新赋码：黄码 → 红码（通知试4）', FIXTURE_VERSION],
      ['报备赋码：黄码（通知一(二)2）', 'hechi-2022-04-09@1.0.0'],
    ]);
  });

  it('the movement window follows the version in force: only on request for medical reasons, at most 12 hours', async () => {
    const resident = await host.signIn('demo-arrival');
    host.clock.now = DAY_0030;
    await host.store.put('policyVersions', {
      _id: 'pv_direct', policyId: fixture.id, version: fixture.version, title: fixture.title, effectiveDate: '2022-04-22', status: 'scheduled',
      switched: true, changes: [], affected: { read: 0, stricter: 0, looser: 0, complete: true }, reason: '测试', by: 'demo-bureau', byName: '韦主任', at: START.toISOString(),
    });
    await host.store.put('policyBodies', { _id: 'pv_direct', text: JSON.stringify(fixture) });
    const medium = await areaId('medium');
    const filed = await host.call('report', reportInput(host.clock.now, { arrivalDate: '2022-04-22', itinerary: [{ townCode: PLACES.kuanchengTown, departDate: '2022-04-22', riskAreaIds: [medium] }] }), resident);
    expect(filed.json.data.report.decision).toMatchObject({ code: 'yellow', clause: '试3', movementWindowEligible: true });
    const mine = await host.call('code', { action: 'mine' }, resident);
    expect(mine.json.data).toMatchObject({ movementWindowAvailable: true, movementRule: { minHours: 1, maxHours: 12, onRequestFor: ['就医'], conditions: fixture.movementWindow.conditions } });
    const apply = (extra: Record<string, unknown>) => host.call('movement', { action: 'apply', hours: 6, from: '河池站', to: '城北社区', ...extra }, resident);
    expect((await apply({})).json.error).toMatchObject({ field: 'requestReason', message: '限时流动仅限以下事由申请：就医' });
    expect((await apply({ hours: 13, requestReason: '就医' })).json.error).toMatchObject({ field: 'hours', message: '限时流动时长应为1—12小时的整数' });
    expect(await host.store.count('movementWindows')).toBe(0);
    const ok = await apply({ requestReason: '就医' });
    expect(ok.status).toBe(200);
    expect(ok.json.data.window.conditions).toEqual(fixture.movementWindow.conditions);
 
    // Community staff choose among the measures of the version in force, each with the code it gives.
    const community = await host.signIn('demo-community');
    const detail = await host.call('arrivals', { action: 'get', reportId: filed.json.data.report.id }, community);
    expect(detail.json.data.arrival.measures).toContainEqual({ measure: 'home-medical-observation', label: '居家医学观察', code: 'yellow' });
  });
});
