// Bearer tokens (jose, HS256): round trip, expiry, tampering, foreign keys, issuers and algorithms.
import crypto from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, signToken, verifyToken } from '../src/auth/token.ts';

const secret = 'a'.repeat(32);
const key = new TextEncoder().encode(secret);
const claims = { sub: '7', role: 'operator', iat: 1_000, exp: 2_000 };
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const hmac = (data: string) => crypto.createHmac('sha256', secret).update(data).digest('base64url');

describe('bearer tokens', () => {
  it('a signed token verifies and returns its claims', async () => {
    expect(await verifyToken(await signToken(claims, secret), secret, 1_500)).toEqual({ ok: true, claims });
  });

  it('is a standard JWT naming its issuer and audience', async () => {
    const [header, payload] = (await signToken(claims, secret)).split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({
      ...claims,
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
    });
  });

  it('an expired token is refused as expired, from its exp second on', async () => {
    const token = await signToken(claims, secret);
    expect(await verifyToken(token, secret, 1_999)).toMatchObject({ ok: true });
    expect(await verifyToken(token, secret, 2_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('a token signed with another key is refused', async () => {
    expect(await verifyToken(await signToken(claims, 'b'.repeat(32)), secret, 1_500)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('a token whose claims were edited is refused', async () => {
    const [h, p, s] = (await signToken(claims, secret)).split('.');
    const edited = { ...JSON.parse(Buffer.from(p!, 'base64url').toString()), role: 'admin' };
    expect(await verifyToken(`${h}.${b64(edited)}.${s}`, secret, 1_500)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('a token claiming alg "none" is refused, with or without a signature', async () => {
    const unsecured = new UnsecuredJWT({ role: 'admin' })
      .setSubject('1')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(1_000)
      .setExpirationTime(2_000)
      .encode();
    expect(await verifyToken(unsecured, secret, 1_500)).toEqual({ ok: false, reason: 'malformed' });
    // A "none" header with a valid HMAC over it must not pass either.
    const body = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE })}`;
    expect(await verifyToken(`${body}.${hmac(body)}`, secret, 1_500)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('a token with another HMAC algorithm is refused', async () => {
    const hs512 = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS512', typ: 'JWT' })
      .setSubject('1')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(1_000)
      .setExpirationTime(2_000)
      .sign(key);
    expect(await verifyToken(hs512, secret, 1_500)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('a token for another audience or from another issuer is refused, even with our key', async () => {
    const sign = (iss: string, aud: string) =>
      new SignJWT({ role: 'admin' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject('1')
        .setIssuer(iss)
        .setAudience(aud)
        .setIssuedAt(1_000)
        .setExpirationTime(2_000)
        .sign(key);
    expect(await verifyToken(await sign(TOKEN_ISSUER, 'other'), secret, 1_500)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(await verifyToken(await sign('other', TOKEN_AUDIENCE), secret, 1_500)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('a token without an expiry is refused', async () => {
    const forever = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('1')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(1_000)
      .sign(key);
    expect(await verifyToken(forever, secret, 1_500)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('garbage is refused as malformed', async () => {
    expect(await verifyToken('abc', secret)).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyToken('a.b.c', secret)).toEqual({ ok: false, reason: 'malformed' });
  });
});
