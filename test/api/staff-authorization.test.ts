// Who may do what, where: every back-office action × every staff role × inside and outside the
// jurisdiction, as one table; bad input on every action; staff accounts, contacts and disabling.
import { startTestHost, type TestHost } from '../support/local-host';
import { addArrival, addStaff, AREAS, counts, requestId, verifyInput, type Arrival } from '../support/staff';
import { localDate } from '../../domain/time';
import { mayTake, STAFF_ROLES, type StaffAction, type StaffRole } from '../../domain/staff/permissions';

let host: TestHost;
beforeEach(async () => {
  host = await startTestHost();
});
afterEach(() => host.close());

/** Each role's jurisdiction containing the demo arrival's destination, and one that does not. */
const JURISDICTIONS: Record<StaffRole, { inside: string; outside: string | null }> = {
  'bureau-admin': { inside: '4512', outside: null }, // the whole city: nothing in Hechi is outside
  platform: { inside: AREAS.county, outside: AREAS.otherCounty },
  'area-admin': { inside: AREAS.town, outside: AREAS.otherTown },
  community: { inside: AREAS.village, outside: AREAS.otherTownVillage },
  checkpoint: { inside: AREAS.county, outside: AREAS.otherCounty },
};

interface Case {
  action: StaffAction;
  /** Whether the action concerns a place (then outside the jurisdiction it is refused or empty). */
  scoped: boolean;
  /** Sets up what the call needs and returns it with a check that it took effect. */
  prepare(): Promise<{ fn: string; body: Record<string, unknown>; took(json: any): boolean }>;
}

let n = 0;
const cases: Case[] = [
  {
    action: 'staff.manage',
    scoped: false,
    prepare: async () => ({ fn: 'staff', body: { action: 'saveAccount', id: `new-staff-${++n}`, role: 'community', name: '新网格员', phone: '13600000000', jurisdiction: AREAS.town }, took: (j) => j.data.created === true }),
  },
  {
    action: 'contacts.manage',
    scoped: false,
    prepare: async () => ({ fn: 'staff', body: { action: 'saveContact', divisionCode: AREAS.otherCounty, name: '覃干部', title: '专班', phone: `1391111${String(++n).padStart(4, '0')}` }, took: (j) => !!j.data.contact.id }),
  },
  { action: 'contacts.read', scoped: false, prepare: async () => ({ fn: 'staff', body: { action: 'listContacts' }, took: (j) => Array.isArray(j.data.contacts) }) },
  { action: 'audit.search', scoped: false, prepare: async () => ({ fn: 'staff', body: { action: 'searchAudit' }, took: (j) => Array.isArray(j.data.entries) }) },
  {
    action: 'arrivals.list',
    scoped: true,
    prepare: async () => {
      const a = await addArrival(host);
      return { fn: 'arrivals', body: { action: 'list' }, took: (j) => j.data.arrivals.some((r: { reportId: string }) => r.reportId === a.reportId) };
    },
  },
  {
    action: 'arrivals.verify',
    scoped: true,
    prepare: async () => {
      const a = await addArrival(host);
      return { fn: 'arrivals', body: verifyInput(host, a.reportId), took: (j) => j.data.arrival.status === 'coded' };
    },
  },
  {
    action: 'arrivals.transfer',
    scoped: true,
    prepare: async () => {
      const a = await coded();
      return {
        fn: 'arrivals',
        body: { action: 'transfer', requestId: requestId(), reportId: a.reportId, toVillageCode: AREAS.otherCountyVillage, toAddress: '文昌路8号', contactName: '覃干部', contactPhone: '13911112222' },
        took: (j) => j.data.arrival.transfers.length === 1,
      };
    },
  },
  {
    action: 'tests.record',
    scoped: true,
    prepare: async () => {
      const a = await addArrival(host);
      return { fn: 'nucleic', body: { action: 'record', idNumber: a.idNumber, sampleDate: localDate(host.clock.now), result: 'negative' }, took: (j) => j.data.recorded === 1 };
    },
  },
  {
    action: 'conversions.list',
    scoped: true,
    prepare: async () => {
      const a = await addArrival(host);
      return { fn: 'conversions', body: { action: 'list' }, took: (j) => [...j.data.due, ...j.data.waiting].some((i: { personId: string }) => i.personId === a.personId) };
    },
  },
  {
    action: 'conversions.confirm',
    scoped: true,
    prepare: async () => {
      const a = await addArrival(host);
      return { fn: 'conversions', body: { action: 'confirm', items: [{ personId: a.personId, from: 'yellow' }], reason: '矩阵测试：提前转码' }, took: (j) => j.data.converted.length === 1 };
    },
  },
];

/** An arrival verified and coded by the township's community staff. */
async function coded(): Promise<Arrival> {
  const a = await addArrival(host);
  const res = await host.call('arrivals', verifyInput(host, a.reportId), await host.signIn('demo-community'));
  if (res.status !== 200) throw new Error(JSON.stringify(res.json));
  return a;
}

it('authorization matrix: every action × every role × inside/outside the jurisdiction', async () => {
  const mismatches: string[] = [];
  let rows = 0;
  for (const c of cases) {
    for (const role of STAFF_ROLES) {
      for (const where of ['inside', 'outside'] as const) {
        const jurisdiction = JURISDICTIONS[role][where];
        if (jurisdiction === null) continue;
        rows++;
        const cookie = await addStaff(host, `${role}-${where}-${++n}`, role, jurisdiction);
        const { fn, body, took } = await c.prepare();
        const before = await host.store.count('auditLog');
        const seen = new Set((await host.store.find('auditLog', {})).map((a) => a._id));
        const res = await host.call(fn, body, cookie);
        const permitted = mayTake(role, c.action);
        // Refused: 403 by role or place; a person-matching action says "not found in your area".
        const expected = !permitted ? 403 : where === 'outside' && c.scoped ? (c.action === 'tests.record' ? 404 : c.action.endsWith('.list') ? 200 : 403) : 200;
        const label = `${c.action} × ${role} × ${where}`;
        if (res.status !== expected) {
          mismatches.push(`${label}: ${res.status} (expected ${expected}) ${JSON.stringify(res.json.error ?? '')}`);
          continue;
        }
        if (res.status === 200) {
          const effective = took(res.json);
          const shouldTake = where === 'inside' || !c.scoped;
          if (effective !== shouldTake) mismatches.push(`${label}: ${shouldTake ? 'did not take effect' : 'showed or changed what is outside the jurisdiction'}`);
          if ((await host.store.count('auditLog')) <= before) mismatches.push(`${label}: no audit entry`);
        } else {
          if (!/[\u4e00-\u9fa5]/.test(res.json.error.message)) mismatches.push(`${label}: message not in Chinese`);
          // A refused attempt (403) is logged as one `refused:` entry and nothing else (issue 13); a 404 writes nothing.
          const written = (await host.store.find('auditLog', { orderBy: [['_id', 'asc']] })).filter((a) => !seen.has(a._id));
          const ok = res.status === 403 ? written.length === 1 && written[0]!.action.startsWith('refused:') : written.length === 0;
          if (!ok) {
            mismatches.push(`${label}: a refused call wrote ${written.map((w) => w.action).join(', ') || 'no entry'} to the audit log`);
          }
        }
      }
    }
  }
  expect(mismatches).toEqual([]);
  expect(rows).toBe(cases.length * 9);
});

describe('bad input on every action: 400, Chinese, naming the field, nothing written', () => {
  const bad: Array<[string, string, (a: Arrival) => Record<string, unknown>, string]> = [
    ['demo-bureau', 'staff', () => ({ action: 'saveAccount', id: 'x1', role: 'community', name: '甲', phone: '13600000000', jurisdiction: AREAS.town }), 'id'],
    ['demo-bureau', 'staff', () => ({ action: 'saveAccount', id: 'new-one', role: 'platform', name: '甲', phone: '13600000000', jurisdiction: AREAS.town }), 'jurisdiction'],
    ['demo-bureau', 'staff', () => ({ action: 'saveAccount', id: 'new-one', role: 'community', name: '甲', phone: '1360000', jurisdiction: AREAS.town }), 'phone'],
    ['demo-bureau', 'staff', () => ({ action: 'saveAccount', id: 'new-one', role: 'community', name: '甲', phone: '13600000000', jurisdiction: '451202999' }), 'jurisdiction'],
    ['demo-bureau', 'staff', () => ({ action: 'setDisabled', id: 'demo-community', disabled: true, reason: '' }), 'reason'],
    ['demo-bureau', 'staff', () => ({ action: 'saveContact', divisionCode: '450103', name: '甲', title: '专班', phone: '13600000000' }), 'divisionCode'],
    ['demo-bureau', 'staff', () => ({ action: 'removeContact' }), 'id'],
    ['demo-bureau', 'staff', () => ({ action: 'listContacts', divisionCode: 'abc' }), 'divisionCode'],
    ['demo-bureau', 'staff', () => ({ action: 'searchAudit', from: '2022-04-20', to: '2022-04-10' }), 'from'],
    ['demo-community', 'arrivals', () => ({ action: 'get', reportId: '' }), 'reportId'],
    ['demo-community', 'arrivals', (a) => verifyInput(host, a.reportId, { measure: undefined }), 'measure'],
    ['demo-community', 'arrivals', (a) => verifyInput(host, a.reportId, { measure: 'quarantine' }), 'measure'],
    ['demo-community', 'arrivals', (a) => verifyInput(host, a.reportId, { arrivalDate: '2022-04-30' }), 'arrivalDate'],
    ['demo-community', 'arrivals', (a) => verifyInput(host, a.reportId, { departDate: '2022-04-15', arrivalDate: '2022-04-10' }), 'departDate'],
    ['demo-community', 'arrivals', (a) => verifyInput(host, a.reportId, { originTownCode: '220103999' }), 'originTownCode'],
    ['demo-community', 'arrivals', (a) => verifyInput(host, a.reportId, { destination: { villageCode: '451202001999', address: '某路' } }), 'destination.villageCode'],
    ['demo-community', 'arrivals', (a) => ({ action: 'verify', requestId: requestId(), reportId: a.reportId, reached: false, notes: '', measure: 'home-health-monitoring' }), 'measure'],
    ['demo-community', 'arrivals', (a) => ({ action: 'transfer', requestId: requestId(), reportId: a.reportId, toVillageCode: '4512', toAddress: '文昌路8号' }), 'toVillageCode'],
    ['demo-community', 'arrivals', (a) => ({ action: 'transfer', requestId: requestId(), reportId: a.reportId, toVillageCode: AREAS.otherCountyVillage, toAddress: '文昌路8号', contactName: '覃', contactPhone: '123' }), 'contactPhone'],
    ['demo-community', 'nucleic', (a) => ({ action: 'record', idNumber: a.idNumber, sampleDate: '2022-04-31', result: 'negative' }), 'sampleDate'],
    ['demo-community', 'nucleic', () => ({ action: 'record', idNumber: '450702199003071234', sampleDate: '2022-04-15', result: 'negative' }), 'idNumber'],
    ['demo-community', 'nucleic', (a) => ({ action: 'record', idNumber: a.idNumber, sampleDate: '2022-04-15', result: '阴性' }), 'result'],
    ['demo-community', 'nucleic', () => ({ action: 'import', fileId: 'local:nope' }), 'fileId'],
    ['demo-area-admin', 'conversions', () => ({ action: 'confirm', items: [] }), 'items'],
    ['demo-area-admin', 'conversions', (a) => ({ action: 'confirm', items: [{ personId: a.personId, from: 'green' }] }), 'items.0.from'],
    ['demo-area-admin', 'conversions', (a) => ({ action: 'confirm', items: [{ personId: a.personId, from: 'yellow' }], reason: '短' }), 'reason'],
    ['demo-area-admin', 'conversions', (a) => ({ action: 'confirm', items: [{ personId: a.personId, from: 'yellow' }] }), 'reason'],
    ['demo-area-admin', 'conversions', () => ({ action: 'list', extra: 1 }), 'extra'],
  ];
  it.each(bad)('%s %s %#', async (account, fn, body, field) => {
    const a = await coded();
    const cookie = await host.signIn(account);
    const before = await counts(host);
    const res = await host.call(fn, body(a), cookie);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('BAD_INPUT');
    expect(res.json.error.field).toBe(field);
    expect(res.json.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await counts(host)).toEqual(before);
  });
});

describe('staff accounts and contacts (the Bureau)', () => {
  // Audit entries sort by time: let a second pass between calls.
  const tick = () => (host.clock.now = new Date(host.clock.now.getTime() + 1000));

  it('creates, edits and disables an account; a disabled account is refused everywhere; each change audited', async () => {
    const bureau = await host.signIn('demo-bureau');
    const created = await host.call('staff', { action: 'saveAccount', id: 'oWx-new-community', role: 'community', name: '韦网格员', phone: '13600000000', jurisdiction: AREAS.otherTownVillage }, bureau);
    expect(created.json.data).toMatchObject({ created: true, account: { jurisdictionName: '广西壮族自治区河池市金城江区东江镇东江社区居民委员会', disabled: false } });
    const cookie = await host.signIn('oWx-new-community');
    expect((await host.call('arrivals', { action: 'list' }, cookie)).status).toBe(200);

    tick();
    const moved = await host.call('staff', { action: 'saveAccount', id: 'oWx-new-community', role: 'community', name: '韦网格员', phone: '13600000000', jurisdiction: AREAS.village }, bureau);
    expect(moved.json.data.created).toBe(false);
    tick();
    const off = await host.call('staff', { action: 'setDisabled', id: 'oWx-new-community', disabled: true, reason: '调离岗位' }, bureau);
    expect(off.json.data.account.disabled).toBe(true);
    for (const [fn, body] of [['arrivals', { action: 'list' }], ['account', { action: 'me' }], ['code', { action: 'mine' }], ['staff', { action: 'listContacts' }]] as const) {
      const res = await host.call(fn, body, cookie);
      expect(res.status).toBe(403);
      expect(res.json.error.message).toBe('您的账号已停用，请联系市大数据发展局');
    }
    const log = await host.call('staff', { action: 'searchAudit', target: 'accounts/oWx-new-community' }, bureau);
    expect(log.json.data.entries.map((e: { action: string }) => e.action)).toEqual(['staff.disable', 'staff.update', 'staff.create']);
    expect(log.json.data.entries[0]).toMatchObject({ actorName: '韦主任', role: 'bureau-admin', reason: '调离岗位', before: { disabled: false }, after: { disabled: true } });
    expect(log.json.data.entries[1]).toMatchObject({ before: { jurisdiction: AREAS.otherTownVillage }, after: { jurisdiction: AREAS.village } });
    // Not the Bureau's own account.
    expect((await host.call('staff', { action: 'setDisabled', id: 'demo-bureau', disabled: true, reason: '测试停用' }, bureau)).status).toBe(409);
  });

  it('keeps the contacts directory: add, list by place, edit, remove — audited', async () => {
    const bureau = await host.signIn('demo-bureau');
    const saved = await host.call('staff', { action: 'saveContact', divisionCode: AREAS.otherCountyTown, name: '覃干部', title: '庆远镇防控专员', phone: '13911112222' }, bureau);
    const id = saved.json.data.contact.id;
    tick();
    await host.call('staff', { action: 'saveContact', divisionCode: AREAS.otherCountyTown, name: '覃干部', title: '庆远镇防控专员', phone: '13911112222' }, bureau);
    expect(await host.store.count('contacts')).toBe(1);
    tick();
    await host.call('staff', { action: 'saveContact', id, divisionCode: AREAS.otherCountyTown, name: '覃新', title: '庆远镇防控专员', phone: '13911112222' }, bureau);
    const community = await host.signIn('demo-community');
    const found = await host.call('staff', { action: 'listContacts', divisionCode: AREAS.otherCountyVillage }, community);
    expect(found.json.data.contacts).toEqual([expect.objectContaining({ id, name: '覃新', divisionName: '广西壮族自治区河池市宜州区庆远镇' })]);
    expect((await host.call('staff', { action: 'listContacts', divisionCode: AREAS.county }, community)).json.data.contacts).toEqual([]);
    tick();
    expect((await host.call('staff', { action: 'removeContact', id }, bureau)).json.data.removed).toBe(true);
    expect((await host.call('staff', { action: 'listContacts' }, community)).json.data.contacts).toEqual([]);
    // The same removal again (a retry whose answer was lost) answers the same and writes nothing.
    const tombstone = await host.store.get('contacts', id);
    tick();
    expect((await host.call('staff', { action: 'removeContact', id }, bureau)).json.data.removed).toBe(true);
    expect(await host.store.get('contacts', id)).toEqual(tombstone);
    const log = await host.call('staff', { action: 'searchAudit', target: `contacts/${id}` }, bureau);
    expect(log.json.data.entries.map((e: { action: string }) => e.action)).toEqual(['contacts.remove', 'contacts.update', 'contacts.update', 'contacts.create']);
  });
});
