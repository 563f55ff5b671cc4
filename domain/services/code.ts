// The person's current code with its explanation and a fresh QR token.
import QRCode from 'qrcode';
import type { CodeQr, MyCode } from '../../types/model';
import { signToken, TOKEN_TTL_SECONDS } from '../token';
import { maskIdNumber } from '../validate/identity';
import type { CodeDoc } from '../store/collections';
import { requireAccount, type ServiceContext } from './context';
import { ownPerson } from './family';
import { openWindowOf, windowEligibility } from './movement';

/**
 * Drawing the QR PNG is most of a code read's cost, and everyone opens their code page. A token is
 * served again while at least half its life is left (the page refreshes every minute), and never
 * after the code changed: the cache key includes the code's last update.
 */
const REUSE_MIN_LEFT_MS = (TOKEN_TTL_SECONDS * 1000) / 2;
const MAX_CACHED = 5000;
const qrCache = new Map<string, { qr: CodeQr; nonce: string }>();

async function qrFor(ctx: ServiceContext, code: CodeDoc): Promise<CodeQr> {
  const key = `${code._id}|${code.color}|${code.updatedAt}`;
  const cached = ctx.qrReuse === false ? undefined : qrCache.get(key);
  // A token a checkpoint has accepted is spent (a second scan is refused as a replay): make a new one.
  if (
    cached &&
    Date.parse(cached.qr.expiresAt) - ctx.now.getTime() >= REUSE_MIN_LEFT_MS &&
    !(await ctx.store.get('tokenUses', `n_${cached.nonce}`))
  ) {
    return cached.qr;
  }
  const { token, expiresAt, nonce } = signToken(code._id, code.color, ctx.now, ctx.tokenSecret);
  const dataUrl = await QRCode.toDataURL(token, { errorCorrectionLevel: 'M', margin: 1, scale: 4 });
  const qr = { token, dataUrl, expiresAt: expiresAt.toISOString() };
  if (ctx.qrReuse === false) return qr;
  qrCache.delete(key);
  qrCache.set(key, { qr, nonce });
  if (qrCache.size > MAX_CACHED) qrCache.delete(qrCache.keys().next().value!);
  return qr;
}

/** The account's own code, or a family member's (`personId`; another account's is not found). */
export async function myCode(ctx: ServiceContext, personId?: string): Promise<MyCode> {
  const account = await requireAccount(ctx);
  const fetchedAt = ctx.now.toISOString();
  // The account's own code: the binding carries the name and masked ID, so no persons read (2 round
  // trips in all: account, code). A family member's goes through the link and the person.
  const own = personId === undefined || personId === account.selfPersonId;
  const known = own && account.selfPersonId && account.selfView ? { _id: account.selfPersonId, view: account.selfView } : null;
  const person = known ? null : await ownPerson(ctx, account, personId);
  if (!known && !person) return { person: null, decision: null, qr: null, fetchedAt };
  const id = known ? known._id : person!._id;
  const code = await ctx.store.get('codes', id);
  const view = known ? known.view : { name: person!.name, idNumberMasked: maskIdNumber(person!.idNumber) };
  if (!code) return { person: view, decision: null, qr: null, fetchedAt, personId: id };
  // 限时流动: only a yellow can have a window or the chance of one.
  const yellow = code.color === 'yellow';
  const movementWindow = yellow ? await openWindowOf(ctx, id) : null;
  const movementWindowAvailable = yellow && !movementWindow && (await windowEligibility(ctx, id)).ok;
  return {
    person: view,
    decision: code.decision,
    qr: await qrFor(ctx, code),
    fetchedAt,
    personId: id,
    movementWindow,
    movementWindowAvailable,
    ...(movementWindowAvailable ? { movementRule: movementRuleOf(ctx) } : {}),
  };
}

/** What the app needs of the policy's movement window to offer one (the service checks it again). */
const movementRuleOf = (ctx: ServiceContext) => {
  const { minHours, maxHours, onRequestFor, conditions } = ctx.policy.movementWindow;
  return { minHours, maxHours, onRequestFor, conditions };
};
