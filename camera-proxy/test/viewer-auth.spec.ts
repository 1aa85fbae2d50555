// gis-api's bearer tokens decide who sees private cameras: staff do, citizens and the anonymous do not, and a
// token that is bad, expired, not ours, or for a disabled account is a 401, not a quiet downgrade.
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
// The contract with gis-api: a token it mints must be one the proxy accepts.
import { signToken } from '../../gis-api/src/auth/token.ts';
import { ANONYMOUS, AuthError, ViewerAuth } from '../src/viewer.auth.ts';

const SECRET = 'a-test-secret-that-is-long-enough-000';
const USERS: Record<number, { role: string; disabled: boolean }> = {
  1: { role: 'operator', disabled: false },
  2: { role: 'citizen', disabled: false },
  3: { role: 'leader', disabled: true },
};
const auth = new ViewerAuth({ secret: SECRET, findUser: async (id) => USERS[id] });

async function token(
  sub: string,
  o: { secret?: string; issuer?: string; exp?: number } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'whatever' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(o.issuer ?? 'ioc-gis-api')
    .setAudience('ioc')
    .setIssuedAt(now)
    .setExpirationTime(o.exp ?? now + 3600)
    .sign(new TextEncoder().encode(o.secret ?? SECRET));
}

async function failure(header: string): Promise<string> {
  try {
    await auth.fromHeader(header);
  } catch (err) {
    if (err instanceof AuthError) return err.message;
  }
  return 'accepted';
}

describe('ViewerAuth', () => {
  it('treats a request without Authorization as anonymous', async () => {
    expect(await auth.fromHeader(undefined)).toBe(ANONYMOUS);
  });

  it("takes the role from the account, not from the token's claim", async () => {
    expect(await auth.fromHeader(`Bearer ${await token('1')}`)).toEqual({ staff: true });
    expect(await auth.fromHeader(`Bearer ${await token('2')}`)).toEqual({ staff: false });
  });

  it('accepts the tokens gis-api issues', async () => {
    const iat = Math.floor(Date.now() / 1000);
    const minted = await signToken({ sub: '1', role: 'operator', iat, exp: iat + 600 }, SECRET);
    expect(await auth.fromHeader(`Bearer ${minted}`)).toEqual({ staff: true });
  });

  it('refuses bad, foreign, expired and disabled-account tokens', async () => {
    expect(await failure('Basic abc')).toBe('Authorization must be "Bearer <token>"');
    expect(await failure('Bearer not.a.jwt')).toBe('Invalid token');
    expect(
      await failure(`Bearer ${await token('1', { secret: 'another-secret-that-is-long-enough-0' })}`),
    ).toBe('Invalid token');
    expect(await failure(`Bearer ${await token('1', { issuer: 'someone-else' })}`)).toBe('Invalid token');
    expect(await failure(`Bearer ${await token('1', { exp: Math.floor(Date.now() / 1000) - 10 })}`)).toBe(
      'Token expired; sign in again',
    );
    expect(await failure(`Bearer ${await token('3')}`)).toBe('Invalid token');
    expect(await failure(`Bearer ${await token('99')}`)).toBe('Invalid token');
  });

  it('serves no private camera when it has no key', async () => {
    const keyless = new ViewerAuth({ secret: undefined, findUser: async (id) => USERS[id] });
    await expect(keyless.fromHeader(`Bearer ${await token('1')}`)).rejects.toThrow('Invalid token');
  });
});
