// The person's current code with its explanation and a fresh QR token.
import QRCode from 'qrcode';
import type { CodeQr, MyCode } from '../../types/model';
import { signToken, TOKEN_TTL_SECONDS } from '../token';
import { maskIdNumber } from '../validate/identity';
import type { CodeDoc } from '../store/collections';
import { requireAccount, type ServiceContext } from './context';

/**
 * Drawing the QR PNG is most of a code read's cost, and everyone opens their code page. A token is
 * served again while at least half its life is left (the page refreshes every minute), and never
 * after the code changed: the cache key includes the code's last update.
 */
const REUSE_MIN_LEFT_MS = (TOKEN_TTL_SECONDS * 1000) / 2;
const MAX_CACHED = 5000;
const qrCache = new Map<string, CodeQr>();

async function qrFor(ctx: ServiceContext, code: CodeDoc): Promise<CodeQr> {
  const key = `${code._id}|${code.color}|${code.updatedAt}`;
  const cached = qrCache.get(key);
  if (cached && Date.parse(cached.expiresAt) - ctx.now.getTime() >= REUSE_MIN_LEFT_MS) return cached;
  const { token, expiresAt } = signToken(code._id, code.color, ctx.now, ctx.tokenSecret);
  const dataUrl = await QRCode.toDataURL(token, { errorCorrectionLevel: 'M', margin: 1, scale: 4 });
  const qr = { token, dataUrl, expiresAt: expiresAt.toISOString() };
  qrCache.delete(key);
  qrCache.set(key, qr);
  if (qrCache.size > MAX_CACHED) qrCache.delete(qrCache.keys().next().value!);
  return qr;
}

export async function myCode(ctx: ServiceContext): Promise<MyCode> {
  const account = await requireAccount(ctx);
  const fetchedAt = ctx.now.toISOString();
  const person = account.selfPersonId ? await ctx.store.get('persons', account.selfPersonId) : null;
  if (!person) return { person: null, decision: null, qr: null, fetchedAt };
  const code = await ctx.store.get('codes', person._id);
  const view = { name: person.name, idNumberMasked: maskIdNumber(person.idNumber) };
  if (!code) return { person: view, decision: null, qr: null, fetchedAt };
  return { person: view, decision: code.decision, qr: await qrFor(ctx, code), fetchedAt };
}
