// Local-mode sessions (issue 13): a random session id in an HttpOnly cookie, signed, and kept in the
// store with its account, expiry and revocation — so every sign-in gives a new cookie, a session
// ends after SESSION_TTL_HOURS or at sign-out, and a cookie cannot be made for an account from the
// secret alone. (@fastify/cookie 11 loads `cookie` by dynamic ESM import, which neither Node 20's
// CommonJS jest nor esbuild's CJS output can follow; a signed value is all we need.)
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../domain/store/port';

export const SESSION_COOKIE = 'sid';
export const SESSION_TTL_HOURS = 12;

const sign = (value: string, secret: string) => createHmac('sha256', secret).update(value).digest('base64url');
/** 24 random bytes and a SHA-256 HMAC, both base64url without padding: nothing else is accepted. */
const COOKIE_VALUE = /^([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{43})$/;

function attributes(secure: boolean, maxAgeSeconds: number): string {
  return `Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

/** Starts a session for the account and answers its Set-Cookie value. */
export async function startSession(store: Store, accountId: string, secret: string, now: Date, secure: boolean): Promise<string> {
  const id = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_HOURS * 3_600_000);
  await store.insert('sessions', { _id: id, accountId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  return `${SESSION_COOKIE}=${id}.${sign(id, secret)}; ${attributes(secure, SESSION_TTL_HOURS * 3600)}`;
}

export const clearedSessionCookie = (secure: boolean) => `${SESSION_COOKIE}=; ${attributes(secure, 0)}`;

/** The session id a Cookie header carries, when its signature is right (strictly decoded). */
export function sessionIdOf(cookieHeader: string | undefined, secret: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const m = COOKIE_VALUE.exec(part.slice(eq + 1).trim());
    if (!m) return null;
    const given = Buffer.from(m[2]!);
    const expected = Buffer.from(sign(m[1]!, secret));
    return given.length === expected.length && timingSafeEqual(given, expected) ? m[1]! : null;
  }
  return null;
}

/** The signed-in account id, or null when absent, tampered with, expired or signed out. */
export async function sessionAccount(store: Store, cookieHeader: string | undefined, secret: string, now: Date): Promise<string | null> {
  const id = sessionIdOf(cookieHeader, secret);
  if (!id) return null;
  const session = await store.get('sessions', id);
  if (!session || session.revokedAt || Date.parse(session.expiresAt) <= now.getTime()) return null;
  return session.accountId;
}

/** Sign-out: the session is revoked in the store, so the cookie stops working even if kept. */
export async function endSession(store: Store, cookieHeader: string | undefined, secret: string, now: Date): Promise<void> {
  const id = sessionIdOf(cookieHeader, secret);
  if (id) await store.update('sessions', id, { revokedAt: now.toISOString() });
}
