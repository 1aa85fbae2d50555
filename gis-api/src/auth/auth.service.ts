// Signing in and recognising the caller: password check, token issue, token → current user.
import { rateLimited, unauthenticated } from '../errors.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import type { User, UserRepository } from '../users/user.repository.ts';
import { DECOY_HASH, verifyPassword } from '@ioc/sql';
import { signToken, verifyToken } from './token.ts';

export interface AuthSettings {
  secret: string;
  ttlSeconds: number;
  /** Sign-in attempts per client IP; unlimited when absent. */
  loginLimiter?: RateLimiter;
}

export interface Login {
  token: string;
  expiresAt: Date;
  user: User;
}

const INVALID_LOGIN = 'Invalid username or password';

export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly settings: AuthSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async login(username: string, password: string, clientIp: string | null = null): Promise<Login> {
    const decision = this.settings.loginLimiter?.consume(`login:${clientIp ?? 'unknown'}`);
    if (decision && !decision.allowed) {
      throw rateLimited('sign-in attempts from this address', decision.retryAfterSeconds);
    }
    const name = username.trim().toLowerCase();
    const found = name.length <= 64 ? await this.users.byUsername(name) : undefined;
    // Verify against a decoy when the user is unknown so the response time does not reveal who exists.
    const ok = await verifyPassword(password, found?.passwordHash ?? DECOY_HASH);
    if (!found || !ok || found.disabled) throw unauthenticated(INVALID_LOGIN);
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + this.settings.ttlSeconds;
    const token = await signToken(
      { sub: String(found.id), role: found.role, iat, exp },
      this.settings.secret,
    );
    const { passwordHash: _hash, ...user } = found;
    return { token, expiresAt: new Date(exp * 1000), user };
  }

  /**
   * The user an `Authorization` header (or WebSocket connectionParams value) speaks for: null when
   * there is none; UNAUTHENTICATED (HTTP 401) when it is present but invalid, expired, or the user is
   * gone or disabled — a client with a stale token should learn that rather than silently see less.
   */
  async userFromAuthorization(header: string | undefined | null): Promise<User | null> {
    if (!header) return null;
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!m) throw unauthenticated('Authorization must be "Bearer <token>"', 401);
    const check = await verifyToken(m[1]!, this.settings.secret, Math.floor(this.now() / 1000));
    if (!check.ok) {
      throw unauthenticated(
        check.reason === 'expired' ? 'Token expired; sign in again' : 'Invalid token',
        401,
      );
    }
    const id = Number(check.claims.sub);
    const user = Number.isSafeInteger(id) ? await this.users.byId(id) : undefined;
    if (!user || user.disabled) throw unauthenticated('Invalid token', 401);
    return user;
  }
}
