// Every action is declared once beside its schema (types/api/<fn>.ts `*_RULES`) and dispatch enforces
// the declaration: who may call, which permission and place, the audit entry, the retry key (issue 13).
import { Type, type TSchema } from '@sinclair/typebox';
import { API, RULES } from '../../types/api';
import type { AnyRule } from '../../types/api/actions';
import { PERMISSIONS } from '../../domain/staff/permissions';
import { runAction } from '../../domain/api/run-action';
import { hechiPolicy } from '../../domain/policy';
import { divisions } from '../../domain/divisions';
import type { ServiceContext } from '../../domain/services/context';
import { startTestHost, type TestHost } from '../support/local-host';
import { addStaff, AREAS } from '../support/staff';
import { reportInput } from '../support/reports';
import { METRICS } from '../../types/dashboard';

type Node = TSchema & { properties?: Record<string, unknown>; required?: string[] };
const every = Object.entries(API).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, Node>).map(([action, schema]) => ({ fn, action, schema, rule: (RULES as Record<string, Record<string, AnyRule | undefined>>)[fn]?.[action] })),
);

describe('every action has one complete declaration', () => {
  it('covers every action of every function, and nothing else', () => {
    expect(every.filter((a) => !a.rule).map((a) => `${a.fn}.${a.action}`)).toEqual([]);
    const declared = Object.entries(RULES).flatMap(([fn, rules]) => Object.keys(rules).map((a) => `${fn}.${a}`));
    expect(declared.sort()).toEqual(every.map((a) => `${a.fn}.${a.action}`).sort());
    expect(every.length).toBeGreaterThan(50);
  });

  it.each(every.map((a) => [`${a.fn}.${a.action}`, a] as const))('%s: its permission, audit and fields exist', (_key, { schema, rule }) => {
    const fields = Object.keys(schema.properties ?? {});
    const problems: string[] = [];
    if (rule!.idempotency && !(schema.required ?? []).includes(rule!.idempotency)) problems.push(`retry key ${rule!.idempotency} is not a required field`);
    if (rule!.who === 'staff') {
      if (!Object.hasOwn(PERMISSIONS, rule!.permission)) problems.push(`permission ${rule!.permission} is not in the table`);
      // A staff action that forgot its audit cannot slip by: it must name an entry, or why there is none.
      const audit = rule!.audit as unknown as Record<string, unknown> | undefined;
      if (!audit || (typeof audit.action !== 'string' && typeof audit.none !== 'string')) problems.push('no audit declaration');
      else if ('none' in audit && !String(audit.none).trim()) problems.push('an audit exemption without a reason');
      for (const key of ['target', 'reason'] as const) {
        const field = audit?.[key];
        if (typeof field === 'string' && !fields.includes(field)) problems.push(`audit ${key} names no field: ${field}`);
      }
      const scope = rule!.scope as Record<string, string> | undefined;
      if (scope?.field && !fields.includes(scope.field)) problems.push(`scope names no field: ${scope.field}`);
    }
    expect(problems).toEqual([]);
  });

  it('reads of personal data are audited: only the national list is exempt', () => {
    const exempt = every.filter((a) => a.rule?.who === 'staff' && 'none' in a.rule.audit).map((a) => `${a.fn}.${a.action}`);
    expect(exempt.every((k) => k.startsWith('risk.'))).toBe(true);
    expect(exempt).not.toContain('risk.recodeWorklist');
    expect(exempt).not.toContain('risk.publish');
  });
});

let host: TestHost;
const audits = () => host.store.find('auditLog', { orderBy: [['_id', 'asc']] });

describe('dispatch enforces the declaration', () => {
  beforeEach(async () => {
    host = await startTestHost();
  });
  afterEach(() => host.close());

  it('refuses a wrong role before the handler writes, and audits the refusal', async () => {
    const community = await host.signIn('demo-community');
    const res = await host.call('staff', { action: 'saveContact', divisionCode: AREAS.county, name: '陈专员', title: '社区防控专员', phone: '13700000002' }, community);
    expect([res.status, res.json.error.code, res.json.error.message]).toEqual([403, 'FORBIDDEN', '您的角色无权进行此操作']);
    expect(await host.store.count('contacts')).toBe(0);
    expect((await audits()).map((a) => [a.actorId, a.action, a.reason])).toEqual([['demo-community', 'refused:staff.saveContact', '您的角色无权进行此操作']]);
  });

  it('refuses a place outside the jurisdiction declared by the input, and audits the refusal', async () => {
    const county = await addStaff(host, 'bureau-county', 'bureau-admin', AREAS.otherCounty);
    const res = await host.call('dashboard', { action: 'list', date: '2022-04-16', countyCode: AREAS.county, metric: METRICS[0] }, county);
    expect([res.status, res.json.error.message]).toEqual([403, '该记录不在您的管辖范围内']);
    expect((await audits()).map((a) => [a.actorId, a.action, a.target])).toEqual([['bureau-county', 'refused:dashboard.list', AREAS.county]]);
  });

  it('never runs the handler of a refused call, and writes the declared entry for a successful one', async () => {
    const ran: string[] = [];
    const schema = Type.Object({ action: Type.Literal('touch'), countyCode: Type.String(), why: Type.Optional(Type.String()) }, { additionalProperties: false });
    const rules = { touch: { who: 'staff', permission: 'dashboard.view', scope: { field: 'countyCode' }, audit: { action: 'test.touch', target: 'countyCode', reason: 'why' }, errors: [] } } as const;
    const ctx = (accountId: string): ServiceContext => ({
      store: host.store,
      files: {} as ServiceContext['files'],
      now: host.clock.now,
      identity: { accountId, enrollOnFirstUse: false },
      policy: hechiPolicy,
      divisions: divisions(),
      tokenSecret: 'x'.repeat(32),
    });
    const handlers = { touch: (c: ServiceContext) => (ran.push(c.actor!._id), { touched: true }) };
    const call = (who: string, countyCode: string) => runAction('test', { touch: schema }, handlers, { action: 'touch', countyCode, why: ' 核对数据 ' }, ctx(who), rules);

    await addStaff(host, 'bureau-county', 'bureau-admin', AREAS.otherCounty);
    expect((await call('demo-community', AREAS.county)).ok).toBe(false);
    expect((await call('bureau-county', AREAS.county)).ok).toBe(false);
    expect(ran).toEqual([]);
    expect((await audits()).map((a) => a.action)).toEqual(['refused:test.touch', 'refused:test.touch']);

    expect(await call('bureau-county', AREAS.otherCounty)).toEqual({ ok: true, data: { touched: true } });
    expect(ran).toEqual(['bureau-county']);
    const written = (await audits()).filter((a) => a.action === 'test.touch');
    // Who, what, whom, when and why — exactly one entry.
    expect(written.map((a) => [a.actorId, a.role, a.action, a.target, a.at, a.reason])).toEqual([
      ['bureau-county', 'bureau-admin', 'test.touch', AREAS.otherCounty, host.clock.now.toISOString(), '核对数据'],
    ]);
  });

  it('a call without its declared retry key is refused naming the field, before the handler runs', async () => {
    // A schema that forgot to require the key (the completeness test catches it too): dispatch still refuses.
    const schema = Type.Object({ action: Type.Literal('file'), requestId: Type.Optional(Type.String({ title: '请求编号' })) });
    let ran = 0;
    const ctx = { store: host.store, now: host.clock.now, identity: { accountId: 'demo-arrival', enrollOnFirstUse: false } } as ServiceContext;
    const res = await runAction('test', { file: schema }, { file: () => ++ran }, { action: 'file' }, ctx, { file: { who: 'signed-in', idempotency: 'requestId', errors: [] } });
    expect(res).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: '缺少「请求编号」', field: 'requestId' } });
    expect(ran).toBe(0);
  });

  it('a successful staff read writes exactly one entry: who, what, whom, when and why', async () => {
    const bureau = await host.signIn('demo-bureau');
    const res = await host.call('staff', { action: 'listContacts', divisionCode: AREAS.county }, bureau);
    expect(res.status).toBe(200);
    const entries = await audits();
    expect(entries.map((a) => [a.actorId, a.role, a.action, a.at, a.reason])).toEqual([
      ['demo-bureau', 'bureau-admin', 'contacts.read', host.clock.now.toISOString(), '三(一)首问负责制转派联系'],
    ]);
    expect(entries[0]!.target).toContain(AREAS.county);
  });

  it('a successful staff change writes exactly one entry, with the reason given', async () => {
    const bureau = await host.signIn('demo-bureau');
    const res = await host.call('staff', { action: 'setDisabled', id: 'demo-checkpoint', disabled: true, reason: '人员调岗' }, bureau);
    expect(res.status).toBe(200);
    expect((await audits()).map((a) => [a.actorId, a.action, a.target, a.reason])).toEqual([['demo-bureau', 'staff.disable', 'accounts/demo-checkpoint', '人员调岗']]);
  });

  it('a retried staff write is audited once', async () => {
    const checkpoint = await host.signIn('demo-checkpoint');
    const body = { ...reportInput(host.clock.now), action: 'report' };
    const first = await host.call('checkpoint', body, checkpoint);
    const again = await host.call('checkpoint', body, checkpoint);
    expect([first.status, again.status, again.json.data.duplicate]).toEqual([200, 200, true]);
    expect((await audits()).filter((a) => a.action === 'checkpoint.report')).toHaveLength(1);
  });
});
