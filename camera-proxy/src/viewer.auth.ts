// Who is watching: anonymous viewers and citizens see public cameras only; staff (officers, operators,
// leaders, admins) also see private ones. Tokens are gis-api's bearer JWTs (HS256 over AUTH_SECRET, issuer
// "ioc-gis-api", audience "ioc"), checked with jose exactly as gis-api checks them, and the account must still
// exist and be enabled.
import { errors, jwtVerify } from 'jose';
import type { Database } from '@ioc/sql';

export interface Viewer {
  /** May see private cameras. */
  readonly staff: boolean;
}

export class AuthError extends Error {
  override name = 'AuthError';
}

export const ANONYMOUS: Viewer = Object.freeze({ staff: false });

const TOKEN_ISSUER = 'ioc-gis-api';
const TOKEN_AUDIENCE = 'ioc';
const STAFF_ROLES = new Set(['officer', 'operator', 'leader', 'admin']);
/** A verified token is trusted this long before the account is looked at again. */
const CACHE_MS = 30_000;

export type UserLookup = (id: number) => Promise<{ role: string; disabled: boolean } | undefined>;

export class ViewerAuth {
  readonly #key: Uint8Array | undefined;
  readonly #findUser: UserLookup;
  readonly #now: () => number;
  readonly #cache = new Map<string, { viewer: Viewer; until: number }>();

  constructor(options: { secret: string | undefined; findUser: UserLookup; now?: () => number }) {
    this.#key = options.secret === undefined ? undefined : new TextEncoder().encode(options.secret);
    this.#findUser = options.findUser;
    this.#now = options.now ?? Date.now;
  }

  /** The viewer an Authorization header speaks for; AuthError (401) when it is present but not valid. */
  async fromHeader(header: string | undefined): Promise<Viewer> {
    if (!header) return ANONYMOUS;
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!m) throw new AuthError('Authorization must be "Bearer <token>"');
    const token = m[1]!;
    const now = this.#now();
    const cached = this.#cache.get(token);
    if (cached && cached.until > now) return cached.viewer;
    if (!this.#key) throw new AuthError('Invalid token');
    let sub: unknown;
    let exp: unknown;
    try {
      ({
        payload: { sub, exp },
      } = await jwtVerify(token, this.#key, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'exp'],
        currentDate: new Date(now),
      }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new AuthError('Token expired; sign in again');
      if (err instanceof errors.JOSEError) throw new AuthError('Invalid token');
      throw err;
    }
    const id = Number(sub);
    const user = Number.isSafeInteger(id) ? await this.#findUser(id) : undefined;
    if (!user || user.disabled) throw new AuthError('Invalid token');
    const viewer: Viewer = { staff: STAFF_ROLES.has(user.role) };
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(token, { viewer, until: Math.min(now + CACHE_MS, Number(exp) * 1000) });
    return viewer;
  }
}

/** Looks accounts up in the users table. */
export function usersIn(database: Database): UserLookup {
  return (id) =>
    database.db.selectFrom('users').select(['role', 'disabled']).where('id', '=', id).executeTakeFirst();
}
