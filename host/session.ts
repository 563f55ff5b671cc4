// Local-mode sessions (issue 13): a random session id in an HttpOnly cookie, signed, and kept in the
// store with its account, expiry and revocation — so every sign-in gives a new cookie, a session
// ends after SESSION_TTL_HOURS or at sign-out, and a cookie cannot be made for an account from the
// secret alone. (@fastify/cookie 11 loads `cookie` by dynamic ESM import, which neither Node 20's
// CommonJS jest nor esbuild's CJS output can follow; a signed value is all we need.)
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../domain/store/port';
import type { SessionDoc } from '../domain/store/collections';

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

// Every API call checks its cookie: the HMAC and the session read were a twentieth of the host's CPU
// per request. A cookie value whose signature was right once is right for good (same secret), so the
// verified ones are remembered; a forged value is never stored and always takes the full check.
const VERIFIED_LIMIT = 10_000;
const verified = new Map<string, Map<string, string>>();

/** The session id a Cookie header carries, when its signature is right (strictly decoded). */
export function sessionIdOf(cookieHeader: string | undefined, secret: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    let known = verified.get(secret);
    const id = known?.get(value);
    if (id) return id;
    const m = COOKIE_VALUE.exec(value);
    if (!m) return null;
    const given = Buffer.from(m[2]!);
    const expected = Buffer.from(sign(m[1]!, secret));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (!known) verified.set(secret, (known = new Map()));
    if (known.size >= VERIFIED_LIMIT) known.clear();
    known.set(value, m[1]!);
    return m[1]!;
  }
  return null;
}

// The session documents read, kept under the store's change mark for `sessions` (where it has one):
// a sign-in, a sign-out here or a commit by another process moves it, and the next check reads again.
// Expiry is still checked against the clock on every request.
const sessionsRead = new WeakMap<Store, { mark: string; byId: Map<string, SessionDoc | null> }>();

async function readSession(store: Store, id: string): Promise<SessionDoc | null> {
  const mark = store.changeMark?.('sessions');
  if (mark === undefined) return store.get('sessions', id);
  let kept = sessionsRead.get(store);
  if (!kept || kept.mark !== mark) sessionsRead.set(store, (kept = { mark, byId: new Map() }));
  if (kept.byId.has(id)) return kept.byId.get(id)!;
  const session = await store.get('sessions', id);
  // The mark was taken before the read: if it moved meanwhile, this entry lives in a map no one uses.
  if (kept.byId.size >= VERIFIED_LIMIT) kept.byId.clear();
  kept.byId.set(id, session);
  return session;
}

/** The signed-in account id, or null when absent, tampered with, expired or signed out. */
export async function sessionAccount(store: Store, cookieHeader: string | undefined, secret: string, now: Date): Promise<string | null> {
  const id = sessionIdOf(cookieHeader, secret);
  if (!id) return null;
  const session = await readSession(store, id);
  if (!session || session.revokedAt || Date.parse(session.expiresAt) <= now.getTime()) return null;
  return session.accountId;
}

/** Sign-out: the session is revoked in the store, so the cookie stops working even if kept. */
export async function endSession(store: Store, cookieHeader: string | undefined, secret: string, now: Date): Promise<void> {
  const id = sessionIdOf(cookieHeader, secret);
  if (id) await store.update('sessions', id, { revokedAt: now.toISOString() });
}
