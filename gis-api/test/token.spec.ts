// Bearer tokens: round trip, expiry, tampering, foreign keys and algorithms.
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from '../src/auth/token.ts';

const secret = 'a'.repeat(32);
const claims = { sub: '7', role: 'operator', iat: 1_000, exp: 2_000 };

describe('bearer tokens', () => {
  it('a signed token verifies and returns its claims', () => {
    expect(verifyToken(signToken(claims, secret), secret, 1_500)).toEqual({ ok: true, claims });
  });

  it('an expired token is refused as expired', () => {
    expect(verifyToken(signToken(claims, secret), secret, 2_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('a token signed with another key is refused', () => {
    expect(verifyToken(signToken(claims, 'b'.repeat(32)), secret, 1_500)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('a token whose claims were edited is refused', () => {
    const [h, , s] = signToken(claims, secret).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(verifyToken(`${h}.${forged}.${s}`, secret, 1_500)).toEqual({ ok: false, reason: 'signature' });
  });

  it('a token claiming alg "none" is refused', () => {
    const h = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const p = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expect(verifyToken(`${h}.${p}.`, secret, 1_500)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('garbage is refused as malformed', () => {
    expect(verifyToken('abc', secret)).toEqual({ ok: false, reason: 'malformed' });
  });
});
