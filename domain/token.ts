// The code QR's token: HMAC-signed, short-lived, naming the person by an opaque id only.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CodeColor } from '../types/model';

export const TOKEN_TTL_SECONDS = 120;

export interface TokenPayload {
  /** Person id (opaque). */
  p: string;
  c: CodeColor;
  /** Expiry, Unix seconds. */
  exp: number;
  /** Nonce, so a checkpoint can refuse a replayed token. */
  n: string;
}

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');
const mac = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest();

export function signToken(personId: string, code: CodeColor, now: Date, secret: string): { token: string; expiresAt: Date; nonce: string } {
  const exp = Math.floor(now.getTime() / 1000) + TOKEN_TTL_SECONDS;
  const payload: TokenPayload = { p: personId, c: code, exp, n: randomBytes(6).toString('base64url') };
  const body = b64(JSON.stringify(payload));
  return { token: `hk1.${body}.${b64(mac(body, secret))}`, expiresAt: new Date(exp * 1000), nonce: payload.n };
}

export type TokenCheck = { ok: true; payload: TokenPayload } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/** Base64url without padding; a SHA-256 HMAC is exactly 43 such characters. */
const B64URL = /^[A-Za-z0-9_-]+$/;
const SIG = /^[A-Za-z0-9_-]{43}$/;

export function verifyToken(token: string, now: Date, secret: string): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'hk1') return { ok: false, reason: 'malformed' };
  const [, body, sig] = parts as [string, string, string];
  // Strict decoding: Node's base64url decoder skips padding and stray characters (`==`, `!`, a
  // zero-width space), so a signature is checked as text first, then as bytes.
  if (!B64URL.test(body) || body.length > 512) return { ok: false, reason: 'malformed' };
  if (!SIG.test(sig)) return { ok: false, reason: 'forged' };
  const expected = mac(body, secret);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  let payload: TokenPayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (payload.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}
