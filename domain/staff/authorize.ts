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

export async function requireStaff(ctx: ServiceContext, action: StaffAction, place?: string): Promise<StaffAccount> {
  const account = await requireAccount(ctx);
  // A refusal is audited where every call ends (runAction), so one written elsewhere is too.
  if (account.role === 'resident' || !mayTake(account.role, action)) throw forbidden('您的角色无权进行此操作');
  if (!account.jurisdiction) throw forbidden('您的账号未设置管辖范围，请联系市大数据发展局');
  if (place !== undefined && !isWithin(account.jurisdiction, place)) throw forbidden('该记录不在您的管辖范围内');
  return account as StaffAccount;
}

/** For lists: the staff member's jurisdiction, to filter by. */
export function scopeOf(staff: StaffAccount): string {
  return staff.jurisdiction;
}
