// The gis-api settings, read once from the environment, validated and frozen; nothing else in gis-api reads process.env.
import crypto from 'node:crypto';
import path from 'node:path';

export interface GisApiConfig {
  /** HMAC key for bearer tokens (AUTH_SECRET, at least 32 characters). */
  readonly authSecret: string;
  /** True when AUTH_SECRET was unset outside production and a random per-process key is used instead. */
  readonly authSecretEphemeral: boolean;
  /** Lifetime of a login token in seconds (AUTH_TOKEN_TTL_SECONDS). */
  readonly authTokenTtlSeconds: number;
  /** Where uploaded media is stored, outside the web root (MEDIA_DIR). */
  readonly mediaDir: string;
  /** Largest accepted photo upload in bytes (MEDIA_MAX_PHOTO_BYTES). */
  readonly mediaMaxPhotoBytes: number;
  /** Largest accepted video upload in bytes (MEDIA_MAX_VIDEO_BYTES). */
  readonly mediaMaxVideoBytes: number;
  /** Uploads to POST /media per IP (anonymous) or per account (MEDIA_UPLOAD_RATE_BURST, MEDIA_UPLOAD_RATE_PER_MINUTE). */
  readonly mediaUploadRateLimit: { readonly burst: number; readonly perMinute: number };
  /** Browser origins allowed to call /graphql cross-origin (CORS_ORIGINS, comma-separated; empty = same origin only). */
  readonly corsOrigins: readonly string[];
  /** Port of the standalone server (PORT). */
  readonly port: number;
  /** Interface the standalone server binds (HOST). */
  readonly host: string;
  /** Largest accepted GraphQL request body in bytes (GRAPHQL_BODY_LIMIT_BYTES). */
  readonly bodyLimitBytes: number;
  /** Deepest selection a query may nest (GRAPHQL_MAX_DEPTH). */
  readonly graphqlMaxDepth: number;
  /** Highest estimated cost an operation may have (GRAPHQL_MAX_COST; see graphql/cost-limit.ts). */
  readonly graphqlMaxCost: number;
  /** Whether schema introspection is served (GRAPHQL_INTROSPECTION; default on except in production). */
  readonly graphqlIntrospection: boolean;
  /** How long /readyz waits for the database (READY_TIMEOUT_MS). */
  readonly readyTimeoutMs: number;
  /** Safety-net poll of the event log, for notifications lost with a dropped connection (EVENTS_POLL_MS). */
  readonly eventsPollMs: number;
  /** Time between SLA clock ticks, which mark overdue reports (SLA_CLOCK_INTERVAL_MS; 0 = off). */
  readonly slaClockIntervalMs: number;
  /** Apply migrations when the standalone server starts (MIGRATE_ON_START; embedded mode always does). */
  readonly migrateOnStart: boolean;
  /** Report submissions per client IP by anonymous users and citizens (REPORT_RATE_BURST, REPORT_RATE_PER_MINUTE). */
  readonly reportRateLimit: { readonly burst: number; readonly perMinute: number };
  /** Login attempts per client IP (LOGIN_RATE_BURST, LOGIN_RATE_PER_MINUTE). */
  readonly loginRateLimit: { readonly burst: number; readonly perMinute: number };
  readonly production: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readGisApiConfig(env: NodeJS.ProcessEnv = process.env): GisApiConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);
  const production = env.NODE_ENV === 'production';

  let authSecret = read.string('AUTH_SECRET');
  let authSecretEphemeral = false;
  if (authSecret === undefined) {
    if (production) problems.push('AUTH_SECRET is required in production (at least 32 characters)');
    authSecret = crypto.randomBytes(32).toString('base64url');
    authSecretEphemeral = true;
  } else if (authSecret.length < 32) {
    problems.push(`AUTH_SECRET must be at least 32 characters (got ${authSecret.length})`);
  }

  const corsOrigins = (read.string('CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push(
        `CORS_ORIGINS entries must look like https://host[:port] without a path (got "${origin}")`,
      );
    }
  }

  const config: GisApiConfig = {
    authSecret,
    authSecretEphemeral,
    authTokenTtlSeconds: read.int('AUTH_TOKEN_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    mediaDir: path.resolve(read.string('MEDIA_DIR') ?? '.data/media'),
    mediaMaxPhotoBytes: read.int('MEDIA_MAX_PHOTO_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    mediaMaxVideoBytes: read.int('MEDIA_MAX_VIDEO_BYTES', 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    mediaUploadRateLimit: Object.freeze({
      burst: read.int('MEDIA_UPLOAD_RATE_BURST', 20, 1, 1_000_000),
      perMinute: read.int('MEDIA_UPLOAD_RATE_PER_MINUTE', 10, 1, 1_000_000),
    }),
    corsOrigins: Object.freeze(corsOrigins),
    port: read.int('PORT', 8081, 0, 65535),
    host: read.string('HOST') ?? '0.0.0.0',
    bodyLimitBytes: read.int('GRAPHQL_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    graphqlMaxDepth: read.int('GRAPHQL_MAX_DEPTH', 10, 2, 50),
    graphqlMaxCost: read.int('GRAPHQL_MAX_COST', 25_000, 10, 100_000_000),
    graphqlIntrospection: read.bool('GRAPHQL_INTROSPECTION', !production),
    readyTimeoutMs: read.int('READY_TIMEOUT_MS', 2000, 100, 60_000),
    eventsPollMs: read.int('EVENTS_POLL_MS', 1000, 50, 60_000),
    slaClockIntervalMs: read.int('SLA_CLOCK_INTERVAL_MS', 30_000, 0, 3_600_000),
    migrateOnStart: read.bool('MIGRATE_ON_START', false),
    reportRateLimit: Object.freeze({
      burst: read.int('REPORT_RATE_BURST', 10, 1, 1_000_000),
      perMinute: read.int('REPORT_RATE_PER_MINUTE', 5, 1, 1_000_000),
    }),
    loginRateLimit: Object.freeze({
      burst: read.int('LOGIN_RATE_BURST', 10, 1, 1_000_000),
      perMinute: read.int('LOGIN_RATE_PER_MINUTE', 10, 1, 1_000_000),
    }),
    production,
  };
  if (problems.length > 0) throw new ConfigError(`Invalid environment variables: ${problems.join('; ')}`);
  return Object.freeze(config);
}

class EnvReader {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly problems: string[],
  ) {}

  string(name: string): string | undefined {
    return this.env[name]?.trim() || undefined;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw) || n < min || n > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }
}
