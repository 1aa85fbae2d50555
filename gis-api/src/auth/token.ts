// Bearer tokens: a JWT (HS256, jose) carrying the user id, role and expiry, issued by and for this IOC.
import { SignJWT, errors, jwtVerify } from 'jose';

export interface TokenClaims {
  /** User id. */
  sub: string;
  role: string;
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Expires at, seconds since the epoch. */
  exp: number;
}

export type TokenCheck =
  { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/** Who issues tokens and who they are for: a JWT minted elsewhere with the same key is still refused. */
export const TOKEN_ISSUER = 'ioc-gis-api';
export const TOKEN_AUDIENCE = 'ioc';
const ALG = 'HS256';

export async function signToken(claims: TokenClaims, secret: string): Promise<string> {
  return new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(keyOf(secret));
}

export async function verifyToken(
  token: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<TokenCheck> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, keyOf(secret), {
      // Only HS256: rules out alg "none" and algorithm confusion (an RS256 token checked with our key).
      algorithms: [ALG],
      typ: 'JWT',
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'iat', 'exp'],
      currentDate: new Date(nowSeconds * 1000),
      clockTolerance: 0,
    }));
  } catch (err) {
    if (err instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    if (err instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'signature' };
    // Not ours (issuer, audience, algorithm, type) or not a JWT at all.
    if (err instanceof errors.JOSEError) return { ok: false, reason: 'malformed' };
    throw err;
  }
  const { sub, role, iat, exp } = payload;
  if (
    typeof sub !== 'string' ||
    typeof role !== 'string' ||
    !Number.isInteger(iat) ||
    !Number.isInteger(exp)
  ) {
    return { ok: false, reason: 'malformed' };
  }
  return { ok: true, claims: { sub, role, iat: iat!, exp: exp! } };
}

const encoder = new TextEncoder();

function keyOf(secret: string): Uint8Array {
  return encoder.encode(secret);
}
