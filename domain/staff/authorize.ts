// The server-side check every staff action makes: signed in, a staff role allowed to take this
// action, and — when the action concerns a place — the place inside the staff member's jurisdiction.
import { forbidden } from '../errors';
import { requireAccount, type ServiceContext } from '../services/context';
import type { AccountDoc } from '../store/collections';
import { isWithin } from './jurisdiction';
import { mayTake, type StaffAction, type StaffRole } from './permissions';

export interface StaffAccount extends AccountDoc {
  role: StaffRole;
  jurisdiction: string;
}

/** Called by runAction with the action's declared permission and scope (types/api/<fn>.ts `*_RULES`). */
export async function requireStaff(ctx: ServiceContext, action: StaffAction, place?: string): Promise<StaffAccount> {
  // A refusal is audited where every call ends (runAction), so one written elsewhere is too.
  const staff = asStaff(await requireAccount(ctx), action);
  if (place !== undefined) requireWithin(staff, place);
  return staff;
}

/** A staff account with a jurisdiction, allowed `action` when one is given; else FORBIDDEN. */
function asStaff(account: AccountDoc, action?: StaffAction): StaffAccount {
  if (account.role === 'resident' || (action && !mayTake(account.role, action))) throw forbidden('您的角色无权进行此操作');
  if (!account.jurisdiction) throw forbidden('您的账号未设置管辖范围，请联系市大数据发展局');
  return account as StaffAccount;
}

/** For lists: the staff member's jurisdiction, to filter by. */
export function scopeOf(staff: StaffAccount): string {
  return staff.jurisdiction;
}

/**
 * The staff member of this call. Dispatch has already checked the declared permission and scope
 * (types/api/<fn>.ts `*_RULES`) and put the account on the context; a service driven directly
 * (benches, domain tests, jobs) has no door, so the account is only required to be staff.
 */
export async function actingStaff(ctx: ServiceContext): Promise<StaffAccount> {
  return ctx.actor ? (ctx.actor as StaffAccount) : asStaff(await requireAccount(ctx));
}

/**
 * The jurisdiction check for a place known only once a record is read (an appeal's county, a report's
 * area): the declaration says `scope: { loaded }`, so it stays in the service, through this one helper.
 */
export function requireWithin(staff: StaffAccount, place: string): void {
  if (!isWithin(staff.jurisdiction, place)) throw forbidden('该记录不在您的管辖范围内');
}
