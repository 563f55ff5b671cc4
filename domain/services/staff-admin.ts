// The Bureau's back office: staff accounts, the county contacts directory (三(一)) and the audit log.
//
// Binding in WeChat: a staff account's id IS the staff member's OPENID (as every account's id is).
// The staff member opens the mini-program once (that enrols them as a resident) and reads the
// account number off the workbench; the Bureau enters it here with role, name, phone and
// jurisdiction, which turns that account into a staff account. No invitation code travels, so
// none can leak. Locally the seeded demo accounts are used the same way.
import type { Static } from '@sinclair/typebox';
import type { STAFF, StaffOutputs } from '../../types/api/staff';
import type { ContactView, StaffAccountView } from '../../types/model';
import { badInput, conflict, notFound } from '../errors';
import { auditDetail, auditRetried, auditWithin } from '../staff/audit';
import { actingStaff } from '../staff/authorize';
import { STAFF_ROLES, type StaffRole } from '../staff/permissions';
import type { AccountDoc, ContactDoc } from '../store/collections';
import { atomically, type Where } from '../store/port';
import { addDays, isLocalDate } from '../time';
import { nameProblem, plainTextProblem } from '../validate/names';
import type { ServiceContext } from './context';
import { findAll, pageFromStore, pageOf, type PageInput } from './paging';
import type { PageInfo } from '../../types/api/common';

type In<A extends keyof typeof STAFF> = Omit<Static<(typeof STAFF)[A]>, 'action'>;

/** Which division levels each role's jurisdiction may be (digits of the code). */
const JURISDICTION_LEVELS: Record<StaffRole, { lengths: number[]; text: string }> = {
  'bureau-admin': { lengths: [4], text: '全市（4512）' },
  platform: { lengths: [6], text: '一个县（市、区）' },
  'area-admin': { lengths: [6, 9], text: '一个县（市、区）或乡镇（街道）' },
  community: { lengths: [9, 12], text: '一个乡镇（街道）或社区（村）' },
  checkpoint: { lengths: [6], text: '卡口所在的县（市、区）' },
};

export function divisionExists(ctx: ServiceContext, code: string): boolean {
  if (code === '4512') return true;
  return code.length === 12 ? ctx.divisions.isHechiVillage(code) : ctx.divisions.has(code);
}

function accountView(ctx: ServiceContext, a: AccountDoc): StaffAccountView {
  return {
    id: a._id,
    role: a.role as StaffRole,
    name: a.name,
    phone: a.phone ?? '',
    jurisdiction: a.jurisdiction ?? '',
    jurisdictionName: a.jurisdiction ? ctx.divisions.fullName(a.jurisdiction) : '',
    disabled: a.disabled === true,
  };
}

export async function listAccounts(ctx: ServiceContext, page: PageInput = {}): Promise<{ accounts: StaffAccountView[] } & PageInfo> {
  const { items, total, nextCursor } = await pageFromStore(ctx.store, 'accounts', { where: { role: { $in: [...STAFF_ROLES] } }, orderBy: [['_id', 'asc']] }, page, 200);
  await auditDetail(ctx, { target: 'accounts', after: { count: items.length, total } });
  return { accounts: items.map((a) => accountView(ctx, a)), total, ...(nextCursor ? { nextCursor } : {}) };
}

export async function saveAccount(ctx: ServiceContext, input: In<'saveAccount'>): Promise<{ account: StaffAccountView; created: boolean }> {
  const actor = await actingStaff(ctx);
  const levels = JURISDICTION_LEVELS[input.role];
  if (!levels.lengths.includes(input.jurisdiction.length)) {
    throw badInput(`该角色的管辖范围应为${levels.text}`, 'jurisdiction');
  }
  if (!divisionExists(ctx, input.jurisdiction)) throw badInput('管辖范围不是河池市的有效区划', 'jurisdiction');
  // One name rule for every name (no direction overrides, zero-width characters or NUL).
  const nameIssue = nameProblem(input.name.trim());
  if (nameIssue) throw badInput(nameIssue, 'name');
  const before = await ctx.store.get('accounts', input.id);
  if (before?._id === actor._id && input.role !== actor.role) throw conflict('不能修改自己的角色', 'role');
  const now = ctx.now.toISOString();
  const after: AccountDoc = {
    ...(before ?? { _id: input.id, createdAt: now }),
    role: input.role,
    name: input.name.trim(),
    phone: input.phone,
    jurisdiction: input.jurisdiction,
    updatedAt: now,
  };
  // The account and its audit entry together: a crash between them would leave a creation that a
  // retry records as an update with nothing changed.
  await atomically(ctx.store, async () => {
    await ctx.store.put('accounts', after);
    await auditWithin(ctx, {
      action: before ? 'staff.update' : 'staff.create',
      target: `accounts/${input.id}`,
      ...(before ? { before: pickAccount(before) } : {}),
      after: pickAccount(after),
    });
  });
  return { account: accountView(ctx, after), created: !before };
}

const pickAccount = (a: AccountDoc) => ({
  role: a.role,
  name: a.name,
  phone: a.phone,
  jurisdiction: a.jurisdiction,
  disabled: a.disabled === true,
});

export async function setDisabled(ctx: ServiceContext, input: In<'setDisabled'>): Promise<{ account: StaffAccountView }> {
  const actor = await actingStaff(ctx);
  const before = await ctx.store.get('accounts', input.id);
  if (!before || before.role === 'resident') throw notFound('未找到该工作人员账号');
  if (before._id === actor._id) throw conflict('不能停用自己的账号', 'id');
  const after: AccountDoc = { ...before, disabled: input.disabled, updatedAt: ctx.now.toISOString() };
  // Together, so a retry after a crash between them cannot audit "before" as already disabled.
  await atomically(ctx.store, async () => {
    await ctx.store.put('accounts', after);
    await auditWithin(ctx, {
      action: input.disabled ? 'staff.disable' : 'staff.enable',
      target: `accounts/${input.id}`,
      before: pickAccount(before),
      after: pickAccount(after),
      reason: input.reason.trim(),
    });
  });
  return { account: accountView(ctx, after) };
}

function contactView(ctx: ServiceContext, c: ContactDoc): ContactView {
  return { id: c._id, divisionCode: c.divisionCode, divisionName: ctx.divisions.fullName(c.divisionCode), name: c.name, title: c.title, phone: c.phone };
}

/** Contacts of a division: those of its county/township and of the places inside it. */
export async function listContacts(ctx: ServiceContext, input: In<'listContacts'>): Promise<{ contacts: ContactView[] } & PageInfo> {
  const all = (await findAll(ctx.store, 'contacts', {}))
    .filter((c) => !c.divisionCode.startsWith('removed:'))
    .sort((a, b) => a.divisionCode.localeCompare(b.divisionCode) || a._id.localeCompare(b._id));
  const code = input.divisionCode;
  const hits = code ? all.filter((c) => c.divisionCode.startsWith(code) || code.startsWith(c.divisionCode)) : all;
  // Names and phones of staff are personal data too.
  const { items, total, nextCursor } = pageOf(hits, input, 200);
  await auditDetail(ctx, { target: `contacts?division=${code ?? ''}`, after: { count: items.length, total } });
  return { contacts: items.map((c) => contactView(ctx, c)), total, ...(nextCursor ? { nextCursor } : {}) };
}

export async function saveContact(ctx: ServiceContext, input: In<'saveContact'>): Promise<{ contact: ContactView }> {
  const actor = await actingStaff(ctx);
  if (!divisionExists(ctx, input.divisionCode)) throw badInput('所在区划不是河池市的有效县（市、区）或乡镇（街道）', 'divisionCode');
  const nameIssue = nameProblem(input.name.trim());
  if (nameIssue) throw badInput(nameIssue, 'name');
  const titleIssue = plainTextProblem(input.title, '职务');
  if (titleIssue) throw badInput(titleIssue, 'title');
  // A new contact's id comes from its place and phone, so a retried save does not add it twice.
  const id = input.id ?? `c_${input.divisionCode}_${input.phone}`;
  const before = await ctx.store.get('contacts', id);
  if (input.id && !before) throw notFound('未找到该联系人');
  const after: ContactDoc = {
    _id: id,
    divisionCode: input.divisionCode,
    name: input.name.trim(),
    title: input.title.trim(),
    phone: input.phone,
    updatedAt: ctx.now.toISOString(),
    updatedBy: actor._id,
  };
  const { updatedAt: _a, updatedBy: _b, ...shown } = after;
  // The contact and its entry together: a retry after a crash between them would find the contact
  // saved and record its creation as an update with nothing changed.
  await atomically(ctx.store, async () => {
    await ctx.store.put('contacts', after);
    await auditWithin(ctx, {
      action: before ? 'contacts.update' : 'contacts.create',
      target: `contacts/${id}`,
      ...(before ? { before: { divisionCode: before.divisionCode, name: before.name, title: before.title, phone: before.phone } } : {}),
      after: shown,
    });
  });
  return { contact: contactView(ctx, after) };
}

export async function removeContact(ctx: ServiceContext, input: In<'removeContact'>): Promise<{ removed: boolean }> {
  const actor = await actingStaff(ctx);
  const before = await ctx.store.get('contacts', input.id);
  if (!before) return { removed: false };
  // Already a tombstone: a retry whose first call's answer was lost; removing it again would write
  // `removed:removed:…` and a second entry.
  if (before.divisionCode.startsWith('removed:')) {
    auditRetried(ctx);
    return { removed: true };
  }
  // The port has no delete: a removed contact is kept as a tombstone nobody lists.
  // Together: a retry after a crash between them would find the tombstone and audit it as the contact removed.
  await atomically(ctx.store, async () => {
    await ctx.store.put('contacts', { ...before, divisionCode: `removed:${before.divisionCode}`, updatedAt: ctx.now.toISOString(), updatedBy: actor._id });
    await auditWithin(ctx, { target: `contacts/${input.id}`, before: { divisionCode: before.divisionCode, name: before.name, title: before.title, phone: before.phone } });
  });
  return { removed: true };
}

/**
 * The audit search counts at most this many matches: the log of a city holds millions, and counting
 * them on every page is slow on SQLite and billed on CloudBase. Past it the answer says "more than
 * 10,000" (`totalCapped`) instead of a number nobody pages through; every entry can still be paged
 * to, newest first, and a narrower search (a day, an actor, a person) gets its exact count. No date
 * window is imposed: an auditor looking up an actor or a person expects their whole history.
 */
export const AUDIT_COUNT_CAP = 10_000;

/** Start of an Asia/Shanghai day as a stored instant. */
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

export async function searchAudit(ctx: ServiceContext, input: In<'searchAudit'>): Promise<StaffOutputs['searchAudit']> {
  // The schema checks the shape; a date that is no day of the calendar (2026-13-45) is bad input too.
  for (const field of ['from', 'to'] as const) {
    if (input[field] !== undefined && !isLocalDate(input[field])) throw badInput(`「${field === 'from' ? '开始日期' : '结束日期'}」不是有效的日期`, field);
  }
  if (input.from && input.to && input.from > input.to) throw badInput('开始日期不能晚于结束日期', 'from');
  const where: Where = {};
  if (input.actorId) where.actorId = input.actorId;
  if (input.target) where.target = input.target;
  if (input.auditAction) where.action = input.auditAction;
  if (input.from || input.to) {
    where.at = {
      ...(input.from ? { $gte: dayStart(input.from) } : {}),
      ...(input.to ? { $lt: dayStart(addDays(input.to, 1)) } : {}),
    };
  }
  if (input.personName) {
    // Whom: the persons of that name, and their reports, as the log names its targets.
    const persons = await ctx.store.find('persons', { where: { name: input.personName.trim() }, limit: 20 });
    const reports = persons.length ? await ctx.store.find('reports', { where: { personId: { $in: persons.map((p) => p._id) } }, limit: 200 }) : [];
    const targets = [...persons.map((p) => `persons/${p._id}`), ...reports.map((r) => `reports/${r._id}`)];
    if (input.target && !targets.includes(input.target)) targets.length = 0;
    where.target = { $in: targets.length ? targets : ['-'] };
  }
  const { items: docs, total, totalCapped, nextCursor } = await pageFromStore(
    ctx.store,
    'auditLog',
    { where, orderBy: [['at', 'desc'], ['_id', 'desc']], countCap: AUDIT_COUNT_CAP },
    input,
    50,
  );
  const actorIds = [...new Set(docs.map((d) => d.actorId))];
  const actors = actorIds.length ? await ctx.store.find('accounts', { where: { _id: { $in: actorIds } } }) : [];
  const names = new Map(actors.map((a) => [a._id, a.name] as const));
  // Whom, in words: the names of the persons and reports the page's entries name.
  const ids = (prefix: string) => [...new Set(docs.map((d) => d.target).filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length)))];
  const [targetPersons, targetReports] = await Promise.all([
    ids('persons/').length ? ctx.store.find('persons', { where: { _id: { $in: ids('persons/') } } }) : [],
    ids('reports/').length ? ctx.store.find('reports', { where: { _id: { $in: ids('reports/') } } }) : [],
  ]);
  const whom = new Map<string, string>([
    ...targetPersons.map((p) => [`persons/${p._id}`, p.name] as const),
    ...targetReports.map((r) => [`reports/${r._id}`, r.name] as const),
  ]);
  // Reading the log is itself a read of personal data (before/after carry it).
  await auditDetail(ctx, { target: 'auditLog', after: { ...input, count: docs.length, total, ...(totalCapped ? { totalCapped } : {}) } });
  return {
    total,
    ...(totalCapped ? { totalCapped } : {}),
    ...(nextCursor ? { nextCursor } : {}),
    entries: docs.map((d) => ({
      id: d._id,
      at: d.at,
      actorId: d.actorId,
      actorName: names.get(d.actorId) ?? d.actorId,
      role: d.role,
      action: d.action,
      target: d.target,
      ...(whom.has(d.target) ? { targetName: whom.get(d.target)! } : {}),
      ...(d.before !== undefined ? { before: d.before } : {}),
      ...(d.after !== undefined ? { after: d.after } : {}),
      ...(d.reason ? { reason: d.reason } : {}),
      ...(d.override ? { override: true } : {}),
    })),
  };
}
