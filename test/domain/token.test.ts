import { signToken, verifyToken, TOKEN_TTL_SECONDS } from '../../domain/token';

describe('code QR token', () => {
  const secret = 'a-secret-of-enough-length-for-tests';
  const now = new Date('2022-04-16T04:00:00Z');

  it('verifies before expiry and names no identifiers', () => {
    const { token, expiresAt } = signToken('p_abc', 'yellow', now, secret);
    expect(expiresAt.getTime() - now.getTime()).toBe(TOKEN_TTL_SECONDS * 1000);
    const check = verifyToken(token, new Date(now.getTime() + 60_000), secret);
    expect(check).toMatchObject({ ok: true, payload: { p: 'p_abc', c: 'yellow' } });
  });

  it('refuses an expired, a forged and a malformed token', () => {
    const { token } = signToken('p_abc', 'green', now, secret);
    expect(verifyToken(token, new Date(now.getTime() + TOKEN_TTL_SECONDS * 1000), secret)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyToken(token, now, 'another-secret-another-secret-xx')).toEqual({ ok: false, reason: 'forged' });
    const [v, body, sig] = token.split('.');
    const tampered = Buffer.from(Buffer.from(body!, 'base64url').toString().replace('green', 'red')).toString('base64url');
    expect(verifyToken(`${v}.${tampered}.${sig}`, now, secret)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyToken('hello', now, secret)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('decodes the signature strictly: padding, stray and zero-width characters are refused', () => {
    const { token } = signToken('p_abc', 'green', now, secret);
    expect(verifyToken(token, now, secret).ok).toBe(true);
    for (const extra of ['=', '==', '!', '\u200b', ' ', '.']) {
      expect([extra, verifyToken(token + extra, now, secret).ok]).toEqual([extra, false]);
    }
    const [v, body, sig] = token.split('.');
    expect(verifyToken(`${v}.${body}=.${sig}`, now, secret).ok).toBe(false);
    expect(verifyToken(`${v}.${body}.${sig!.slice(0, 20)}\u200b${sig!.slice(20)}`, now, secret).ok).toBe(false);
  });
});
