// No half-written records (issue 10): every action that writes more than once is run on both store
// adapters with the store crashing after its k-th write, for every k; the app then retries the same
// call (same input, same requestId) and the end state must equal that of a run that never crashed.
// On SQLite each action is one transaction (a crash leaves nothing); over the CloudBase stand-in the
// actions must be ordered and idempotent, or group their writes in a document-only transaction.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryFiles, type MemoryFiles } from '../../bench/memory-files';
import { dispatch } from '../../domain/api/dispatch';
import { divisions } from '../../domain/divisions';
import { hechiPolicy } from '../../domain/policy';
import type { ServiceContext } from '../../domain/services/context';
import { COLLECTIONS, type CollectionName } from '../../domain/store/collections';
import type { Store } from '../../domain/store/port';
import { addDays, localDate } from '../../domain/time';
import { seedIfEmpty } from '../../host/seed';
import { storeAdapters } from '../support/adapters';
import { crashingAfter } from '../support/crash';
import { idNumber, PLACES, reportInput } from '../support/reports';
import { AREAS, verifyInput } from '../support/staff';
import { csv, type ListRow } from '../support/risk-files';
import sample from '../../host/seed/risk-list-2022-04-15.sample.json';
import policyFixture from '../policy/fixtures/two-levels.fixture.json';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'action-crash-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const NOW = new Date('2022-04-16T04:00:00Z');
const d = divisions();

/** Calls actions as the app would, on one store and one file store, at a fixed time. */
class Driver {
  /** The clock; a scenario's prepare may move it (a conversion due days after the arrival). */
  now = NOW;
  constructor(
    readonly store: Store,
    readonly files: MemoryFiles,
  ) {}
  ctx(accountId: string, store = this.store): ServiceContext {
    return { store, files: this.files, now: this.now, identity: { accountId, enrollOnFirstUse: false }, policy: hechiPolicy, divisions: d, tokenSecret: 'x'.repeat(40), rateLimits: false };
  }
  async call(fn: string, input: Record<string, unknown>, accountId: string, store = this.store): Promise<any> {
    const res = await dispatch(fn as never, input, this.ctx(accountId, store));
    if (!res.ok) throw new Error(`${fn}.${String(input.action)} as ${accountId}: ${JSON.stringify(res.error)}`);
    return res.data;
  }
}

interface Scenario {
  name: string;
  /** The state before the call, made through the actions; returns what the call needs. */
  prepare(driver: Driver): Promise<Record<string, unknown>>;
  call(prepared: Record<string, unknown>): [fn: string, input: Record<string, unknown>, accountId: string];
}

/** verifyInput takes the test host only for its clock. */
const HOST_CLOCK = { clock: { now: NOW } } as Parameters<typeof verifyInput>[0];

const yellowArrival = (overrides: Record<string, unknown> = {}) => {
  const arrival = addDays(localDate(NOW), -10);
  return reportInput(NOW, { requestId: 'prep-report-1', arrivalDate: arrival, itinerary: [{ townCode: PLACES.kuanchengTown, departDate: arrival, riskAreaIds: [] }], ...overrides });
};

/** 2022-04-16's list as the next day's: 汤原县 cleared, a sealed zone in 南宁市青秀区. */
const nextList = (extra: ListRow[] = []) => {
  const rows: ListRow[] = sample.areas.filter((a) => a.county !== '汤原县').map((a) => ({ ...a }));
  rows.push({ level: '封控区', province: '广西壮族自治区', city: '南宁市', county: '青秀区', area: '新竹街道民族大道100号' }, ...extra);
  return Buffer.from(csv(rows));
};

/** A list with one name no rule resolves (a zone whose areas name no street): an open group. */
async function draftWithOpenGroup(x: Driver) {
  const fileId = x.files.add('0416.csv', nextList([{ level: 'high', province: '吉林省', city: '长春市', county: '净月区', area: '净月小区3栋2单元' }]));
  const { draft } = await x.call('risk', { action: 'upload', date: '2022-04-16', fileId, fileName: '0416.csv' }, 'demo-bureau');
  const { items } = await x.call('risk', { action: 'groups', draftId: draft.draftId, status: 'open' }, 'demo-bureau');
  return { draftId: draft.draftId, group: items[0].id };
}

/** An arrival verified under home health monitoring (yellow 一(三)2) with a negative test, 7 days on: due for green. */
async function dueForGreen(x: Driver, account: string, serial: string) {
  const { report } = await x.call('report', reportInput(NOW, { requestId: `prep-report-${serial}`, idNumber: idNumber('19900307', serial) }), account);
  await x.call('arrivals', verifyInput(HOST_CLOCK, String(report.id), { requestId: `prep-verify-${serial}` }), 'demo-community');
  return (await x.store.get('accounts', account))!.selfPersonId!;
}

// Not here, as they write once: movement.cancel (one update), code.mine's token use, and the like.
/** An arrival who stayed in a listed area of 汤原县 (red 一(一)1), and the next list's draft, which clears it. */
async function nextListDraft(x: Driver): Promise<string> {
  const { areas } = await x.call('division', { action: 'riskAreas', countyCode: '230828' }, 'demo-arrival');
  const tangyuan = d.children('230828')[0]!.code;
  await x.call('report', reportInput(NOW, { requestId: 'prep-report-1', arrivalDate: '2022-04-14', itinerary: [{ townCode: tangyuan, departDate: '2022-04-14', riskAreaIds: [areas[0].id] }] }), 'demo-arrival');
  const fileId = x.files.add('0416.csv', nextList());
  const { draft } = await x.call('risk', { action: 'upload', date: '2022-04-16', fileId, fileName: '0416.csv' }, 'demo-bureau');
  return draft.draftId;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'report.submit',
    prepare: async () => ({}),
    call: () => ['report', reportInput(NOW, { requestId: 'crash-report-1' }), 'demo-arrival'],
  },
  {
    name: 'family.add',
    prepare: async () => ({}),
    call: () => ['family', { action: 'add', name: '王奶奶', idNumber: idNumber('19450101', '222'), relation: 'grandparent' }, 'demo-arrival'],
  },
  {
    name: 'appeal.answer',
    prepare: async (x) => {
      await x.call('report', yellowArrival(), 'demo-arrival');
      const { appeal } = await x.call('appeal', { action: 'submit', requestId: 'prep-appeal-1', reason: '我没有去过长春，行程填错了。' }, 'demo-arrival');
      return { id: appeal.id };
    },
    call: (p) => ['appeal', { action: 'answer', id: p.id, outcome: 'wrong', correctCode: 'green', reason: '经核实行程填写有误' }, 'demo-platform'],
  },
  {
    name: 'checkpoint.report',
    prepare: async () => ({}),
    call: () => ['checkpoint', { ...reportInput(NOW, { requestId: 'crash-walkin-1', name: '赵大勇', idNumber: idNumber('19820202', '135'), phone: '13700001111' }), action: 'report' }, 'demo-checkpoint'],
  },
  {
    name: 'nucleic.record',
    prepare: async (x) => (await x.call('report', yellowArrival(), 'demo-arrival'), {}),
    call: () => ['nucleic', { action: 'record', idNumber: reportInput(NOW).idNumber, sampleDate: localDate(NOW), result: 'negative' }, 'demo-community'],
  },
  {
    name: 'nucleic.import',
    prepare: async (x) => {
      const [a, b] = [idNumber('19900307', '123'), idNumber('19900307', '234')];
      await x.call('report', yellowArrival({ idNumber: a }), 'demo-arrival');
      await x.call('report', yellowArrival({ requestId: 'prep-report-2', idNumber: b }), 'demo-resident-2');
      // One row on record already (a manual record): a duplicate, not the import's.
      await x.call('nucleic', { action: 'record', idNumber: b, sampleDate: localDate(NOW), result: 'negative' }, 'demo-community');
      const today = localDate(NOW);
      const rows = [`${a},${today},阴性`, `${a},${addDays(today, -2)},阴性`, `${b},${today},阴性`, `${b},${addDays(today, -1)},阴性`, `110101199003074514,${today},阴性`];
      return { fileId: x.files.add('results.csv', Buffer.from(['身份证号,采样日期,检测结果', ...rows].join('\n'))) };
    },
    call: (p) => ['nucleic', { action: 'import', fileId: p.fileId, fileName: 'results.csv' }, 'demo-community'],
  },
  {
    name: 'staff.saveAccount',
    prepare: async () => ({}),
    call: () => ['staff', { action: 'saveAccount', id: 'oWx-new-community', role: 'community', name: '韦网格员', phone: '13600000000', jurisdiction: '451202001001' }, 'demo-bureau'],
  },
  {
    name: 'staff.setDisabled',
    prepare: async () => ({}),
    call: () => ['staff', { action: 'setDisabled', id: 'demo-community', disabled: true, reason: '调离岗位' }, 'demo-bureau'],
  },
  {
    name: 'arrivals.verify',
    prepare: async (x) => {
      const { report } = await x.call('report', reportInput(NOW, { requestId: 'prep-report-1', itinerary: [{ townCode: PLACES.nanningTown, departDate: reportInput(NOW).arrivalDate }] }), 'demo-arrival');
      return { reportId: report.id };
    },
    call: (p) => ['arrivals', verifyInput(HOST_CLOCK, String(p.reportId), { requestId: 'crash-verify-1', originTownCode: PLACES.nanningTown }), 'demo-community'],
  },
  {
    name: 'arrivals.transfer',
    prepare: async (x) => {
      await x.call('staff', { action: 'saveContact', divisionCode: AREAS.otherCounty, name: '覃干部', title: '宜州区健康码专班', phone: '13911112222' }, 'demo-bureau');
      const { report } = await x.call('report', reportInput(NOW, { requestId: 'prep-report-1' }), 'demo-arrival');
      await x.call('arrivals', verifyInput(HOST_CLOCK, report.id, { requestId: 'prep-verify-1', destination: { villageCode: AREAS.otherCountyVillage, address: '文昌路8号' } }), 'demo-community');
      const { contacts } = await x.call('staff', { action: 'listContacts', divisionCode: AREAS.otherCountyVillage }, 'demo-community');
      return { reportId: report.id, contactId: contacts[0].id };
    },
    call: (p) => ['arrivals', { action: 'transfer', requestId: 'crash-transfer-1', reportId: p.reportId, toVillageCode: AREAS.otherCountyVillage, toAddress: '文昌路8号', contactId: p.contactId }, 'demo-community'],
  },
  {
    name: 'checkpoint.verify',
    prepare: async (x) => {
      await x.call('report', yellowArrival(), 'demo-arrival');
      const { qr } = await x.call('code', { action: 'mine' }, 'demo-arrival');
      return { token: qr.token };
    },
    call: (p) => ['checkpoint', { action: 'verify', token: p.token }, 'demo-checkpoint'],
  },
  {
    name: 'checkpoint.verify (ID number)',
    prepare: async (x) => (await x.call('report', yellowArrival(), 'demo-arrival'), {}),
    call: () => ['checkpoint', { action: 'verify', idNumber: reportInput(NOW).idNumber }, 'demo-checkpoint'],
  },
  {
    name: 'checkpoint.checks',
    prepare: async (x) => {
      await x.call('report', yellowArrival(), 'demo-arrival');
      const { qr } = await x.call('code', { action: 'mine' }, 'demo-arrival');
      const seen = await x.call('checkpoint', { action: 'verify', token: qr.token }, 'demo-checkpoint');
      return { checkId: seen.checkId, reportId: seen.report.id };
    },
    call: (p) => ['checkpoint', { action: 'checks', checkId: p.checkId, reportId: p.reportId, citiesFilled: true, destinationAccurate: true, returnDateToday: false, note: '实际10天前已抵河' }, 'demo-checkpoint'],
  },
  {
    name: 'risk.upload',
    prepare: async (x) => {
      const rows: ListRow[] = sample.areas.filter((a) => a.county !== '汤原县').map((a) => ({ ...a }));
      rows.push({ level: '封控区', province: '广西壮族自治区', city: '南宁市', county: '青秀区', area: '新竹街道民族大道100号' });
      return { fileId: x.files.add('0416.csv', Buffer.from(csv(rows))) };
    },
    call: (p) => ['risk', { action: 'upload', date: '2022-04-16', fileId: p.fileId, fileName: '0416.csv' }, 'demo-bureau'],
  },
  {
    name: 'policy.schedule',
    prepare: async (x) => ({ fileId: x.files.add('policy.json', Buffer.from(JSON.stringify(policyFixture))) }),
    call: (p) => ['policy', { action: 'schedule', fileId: p.fileId, effectiveDate: '2022-04-22', reason: '测试用政策文件' }, 'demo-bureau'],
  },
  {
    name: 'conversions.confirm',
    prepare: async (x) => {
      const persons = [await dueForGreen(x, 'demo-arrival', '123'), await dueForGreen(x, 'demo-resident-2', '234')];
      x.now = new Date(NOW.getTime() + 7 * 86_400_000);
      for (const serial of ['123', '234']) {
        await x.call('nucleic', { action: 'record', idNumber: idNumber('19900307', serial), sampleDate: addDays(localDate(x.now), -1), result: 'negative' }, 'demo-community');
      }
      return { persons };
    },
    call: (p) => ['conversions', { action: 'confirm', items: (p.persons as string[]).map((personId) => ({ personId, from: 'yellow' })) }, 'demo-area-admin'],
  },
  {
    name: 'staff.saveContact',
    prepare: async () => ({}),
    call: () => ['staff', { action: 'saveContact', divisionCode: AREAS.otherCounty, name: '覃干部', title: '宜州区健康码专班', phone: '13911112222' }, 'demo-bureau'],
  },
  {
    name: 'staff.removeContact',
    prepare: async (x) => {
      const { contact } = await x.call('staff', { action: 'saveContact', divisionCode: AREAS.otherCounty, name: '覃干部', title: '宜州区健康码专班', phone: '13911112222' }, 'demo-bureau');
      return { id: contact.id };
    },
    call: (p) => ['staff', { action: 'removeContact', id: p.id }, 'demo-bureau'],
  },
  {
    name: 'risk.resolve',
    prepare: draftWithOpenGroup,
    call: (p) => ['risk', { action: 'resolve', draftId: p.draftId, list: 'areas', target: p.group, code: '220172' }, 'demo-bureau'],
  },
  {
    name: 'risk.exclude',
    prepare: draftWithOpenGroup,
    call: (p) => ['risk', { action: 'exclude', draftId: p.draftId, list: 'areas', target: p.group, reason: '跨多个区县，已电话核实，由属地另行通报' }, 'demo-bureau'],
  },
  {
    name: 'risk.publish',
    prepare: async (x) => {
      const draftId = await nextListDraft(x);
      // From 南宁 (no risk yet): the sealed zone of the new list makes it stricter at once.
      await x.call('report', reportInput(NOW, { requestId: 'prep-report-2', idNumber: idNumber('19900307', '234'), arrivalDate: '2022-04-14', itinerary: [{ townCode: PLACES.nanningTown, departDate: '2022-04-14' }] }), 'demo-resident-2');
      return { draftId };
    },
    call: (p) => ['risk', { action: 'publish', draftId: p.draftId, confirm: true }, 'demo-bureau'],
  },
  {
    name: 'risk.recodeDecide',
    prepare: async (x) => {
      const draftId = await nextListDraft(x);
      await x.call('risk', { action: 'publish', draftId, confirm: true }, 'demo-bureau');
      const { items } = await x.call('risk', { action: 'recodeWorklist' }, 'demo-area-admin');
      return { id: items[0].id };
    },
    call: (p) => ['risk', { action: 'recodeDecide', id: p.id, apply: true, reason: '汤原县已移出名单，电话核实无其他行程' }, 'demo-area-admin'],
  },
  {
    name: 'policy.withdraw',
    prepare: async (x) => {
      const fileId = x.files.add('policy.json', Buffer.from(JSON.stringify(policyFixture)));
      const { version } = await x.call('policy', { action: 'schedule', fileId, effectiveDate: '2022-04-22', reason: '测试用政策文件' }, 'demo-bureau');
      return { id: version.id };
    },
    call: (p) => ['policy', { action: 'withdraw', id: p.id, reason: '排期有误' }, 'demo-bureau'],
  },
];

/** Every key at any depth, for a JSON.stringify replacer list that sorts them. */
function flatKeys(value: unknown, into: Record<string, true> = {}): Record<string, true> {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!Array.isArray(value)) into[k] = true;
      flatKeys(v, into);
    }
  }
  return into;
}

/** Every collection, sorted; random ids (audit entries, checkpoint log lines) compared by content. */
async function endState(store: Store) {
  const out: Record<string, unknown[]> = {};
  for (const name of Object.keys(COLLECTIONS) as CollectionName[]) {
    const docs = (await store.find(name, { limit: 100_000 })) as unknown as Array<Record<string, unknown>>;
    out[name] = docs
      .map((doc) => (/^[ak]_\d/.test(String(doc._id)) ? { ...doc, _id: '(random)' } : doc))
      // A token's nonce is random by design (every code read signs a new token).
      .map((doc) => (name === 'tokenUses' ? { ...doc, _id: '(nonce)' } : doc))
      // A job records how long its longest batch took, which no two runs share.
      .map((doc) => ('longestBatchMs' in doc ? { ...doc, longestBatchMs: '(ms)' } : doc))
      // Keys sorted: an adapter may store fields in another order after an update.
      .map((doc) => JSON.stringify(doc, Object.keys(flatKeys(doc)).sort()))
      // Ids with a random tail made while preparing (a verification's log line) differ run to run.
      .map((json) => json.replace(/(k_\d{4}-\d{2}-\d{2}T[\d:.]+Z_)[0-9a-f]{12}/g, '$1(random)'))
      .sort();
  }
  return out;
}

describe.each(storeAdapters(dir))('%s', (_adapter, open) => {
  const fresh = async () => {
    const store = await open();
    await seedIfEmpty(store, d, NOW);
    return new Driver(store, memoryFiles());
  };

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s: a crash after any write, then the retry, ends as a clean run', async (_name, scenario) => {
    const clean = await fresh();
    const prepared = await scenario.prepare(clean);
    const counting = crashingAfter(clean.store, Number.POSITIVE_INFINITY);
    const [fn, input, who] = scenario.call(prepared);
    const answer = await clean.call(fn, input, who, counting);
    const writes = counting.writes;
    // The list holds only actions that write more than once (one write is atomic by itself).
    expect(writes).toBeGreaterThan(1);
    const expected = await endState(clean.store);
    await clean.store.close();

    for (let k = 1; k <= writes; k++) {
      const run = await fresh();
      const p = await scenario.prepare(run);
      const [fnK, inputK, whoK] = scenario.call(p);
      const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const crashed = await dispatch(fnK as never, inputK, run.ctx(whoK, crashingAfter(run.store, k)));
      spy.mockRestore();
      expect([k, crashed]).toMatchObject([k, { ok: false, error: { code: 'INTERNAL' } }]);
      const retried = await dispatch(fnK as never, inputK, run.ctx(whoK));
      expect([k, retried.ok ? 'ok' : retried.error]).toEqual([k, 'ok']);
      expect([k, await endState(run.store)]).toEqual([k, expected]);
      await run.store.close();
    }
    expect(answer).toBeDefined();
  }, 120_000);
});
