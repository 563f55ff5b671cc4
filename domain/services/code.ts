// The person's current code with its explanation and a fresh QR token.
import QRCode from 'qrcode';
import type { MyCode } from '../../types/model';
import { signToken } from '../token';
import { maskIdNumber } from '../validate/identity';
import { requireAccount, type ServiceContext } from './context';

export async function myCode(ctx: ServiceContext): Promise<MyCode> {
  const account = await requireAccount(ctx);
  const fetchedAt = ctx.now.toISOString();
  const person = account.selfPersonId ? await ctx.store.get('persons', account.selfPersonId) : null;
  if (!person) return { person: null, decision: null, qr: null, fetchedAt };
  const code = await ctx.store.get('codes', person._id);
  const view = { name: person.name, idNumberMasked: maskIdNumber(person.idNumber) };
  if (!code) return { person: view, decision: null, qr: null, fetchedAt };
  const { token, expiresAt } = signToken(person._id, code.color, ctx.now, ctx.tokenSecret);
  const dataUrl = await QRCode.toDataURL(token, { errorCorrectionLevel: 'M', margin: 1, width: 256 });
  return { person: view, decision: code.decision, qr: { token, dataUrl, expiresAt: expiresAt.toISOString() }, fetchedAt };
}
