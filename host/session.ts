// Local-mode sessions: an HttpOnly cookie holding the account id and its HMAC. (@fastify/cookie 11
// loads `cookie` by dynamic ESM import, which neither Node 20's CommonJS jest nor esbuild's CJS
// output can follow; a signed value is all we need.)
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'sid';

const sign = (value: string, secret: string) => createHmac('sha256', secret).update(value).digest('base64url');

export function sessionCookie(accountId: string, secret: string): string {
  const value = encodeURIComponent(`${accountId}.${sign(accountId, secret)}`);
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict`;
}

export const clearedSessionCookie = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;

/** The signed-in account id from a Cookie header, or null when absent or tampered with. */
export function sessionAccount(cookieHeader: string | undefined, secret: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== SESSION_COOKIE) continue;
    let raw: string;
    try {
      raw = decodeURIComponent(rest.join('='));
    } catch {
      return null;
    }
    const dot = raw.lastIndexOf('.');
    if (dot <= 0) return null;
    const id = raw.slice(0, dot);
    const given = Buffer.from(raw.slice(dot + 1));
    const expected = Buffer.from(sign(id, secret));
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }
  return null;
}
