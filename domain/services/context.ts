// What every service call gets from its adapter (cloud function or local host).
import type { Store } from '../store/port';
import type { FileStore } from '../files/port';
import type { Policy } from '../policy/types';
import type { Divisions } from '../divisions';
import type { AccountDoc } from '../store/collections';
import type { AuditTrail } from '../staff/audit';
import { AppError, unauthenticated } from '../errors';

export interface Identity {
  accountId: string;
  /** WeChat: an OPENID seen for the first time becomes a resident account. Local: accounts are seeded. */
  enrollOnFirstUse: boolean;
}

export interface ServiceContext {
  store: Store;
  /** Uploaded files (lists, spreadsheets, photos), read by their file id. */
  files: FileStore;
  /** The clock, read once per request by the adapter. */
  now: Date;
  /** The real time, when `now` is a moved demo clock (local mode): audit entries keep both. */
  realNow?: Date;
  identity: Identity | null;
  policy: Policy;
  divisions: Divisions;
  tokenSecret: string;
  /** Rate limits per account and action (rate-limit.ts); off only for a local benchmark run. */
  rateLimits?: boolean;
  /** Set by runAction once a staff action's declaration admitted the caller (role and scope checked). */
  actor?: AccountDoc;
  /** Set by runAction while an audited staff action runs: the detail services hand for its entry. */
  auditTrail?: AuditTrail;
}

/** The caller's account; enrols a new WeChat user as a resident. */
export async function requireAccount(ctx: ServiceContext): Promise<AccountDoc> {
  if (!ctx.identity) throw unauthenticated();
  const existing = await ctx.store.get('accounts', ctx.identity.accountId);
  // CloudBase stamps `_openid` on every document a mini-program client writes; the functions never
  // write it. Such an account was forged from the client (a collection left client-writable), so it
  // is refused rather than trusted with the role it claims (developers.weixin.qq.com … database/permission).
  if (existing && Object.hasOwn(existing, '_openid')) {
    console.error(`accounts/${ctx.identity.accountId} carries _openid: written by a client, refused (lock the collection)`);
    throw new AppError('FORBIDDEN', '账号数据异常，请联系市大数据发展局');
  }
  // A disabled (staff) account is refused on every call, whatever it asks for.
  if (existing?.disabled) throw new AppError('FORBIDDEN', '您的账号已停用，请联系市大数据发展局');
  if (existing) return existing;
  if (!ctx.identity.enrollOnFirstUse) throw unauthenticated();
  const account: AccountDoc = {
    _id: ctx.identity.accountId,
    role: 'resident',
    name: '微信用户',
    createdAt: ctx.now.toISOString(),
  };
  await ctx.store.put('accounts', account);
  return account;
}
