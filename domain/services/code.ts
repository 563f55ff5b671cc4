// The person's current code with its explanation and a fresh QR token.
import type { CodeQr, MyCode } from '../../types/model';
import { signToken } from '../token';
import { maskIdNumber } from '../validate/identity';
import type { CodeDoc } from '../store/collections';
import { requireAccount, type ServiceContext } from './context';
import { ownPerson } from './family';
import { openWindowOf, windowEligibility } from './movement';

/**
 * A new token on every read: signing is one HMAC, and the app draws the QR from the token itself
 * (src/lib/qr.ts), so nothing is worth caching — a cache would cost a tokenUses read to know the
 * cached token is unspent, one more database round trip than signing anew.
 */
function qrFor(ctx: ServiceContext, code: CodeDoc): CodeQr {
  const { token, expiresAt } = signToken(code._id, code.color, ctx.now, ctx.tokenSecret);
  return { token, expiresAt: expiresAt.toISOString() };
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
    qr: qrFor(ctx, code),
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
