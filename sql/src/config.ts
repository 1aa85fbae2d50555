// The database settings, read once from the environment and validated; nothing else in sql/ reads process.env.
import path from 'node:path';

export interface DatabaseConfig {
  /** `postgres://…` for a real PostgreSQL + PostGIS; undefined selects embedded PGlite. */
  readonly url: string | undefined;
  /** Where embedded PGlite keeps its files. */
  readonly dataDir: string;
  /** Pool size for `pg`. */
  readonly poolSize: number;
  /** How long to wait for a connection before failing start-up. */
  readonly connectTimeoutMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim() || undefined;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    throw new ConfigError(
      `Invalid environment variables: DATABASE_URL must start with postgres:// (got "${url}")`,
    );
  }
  const poolSize = intFrom(env, 'DB_POOL_SIZE', 10, 1, 200);
  const connectTimeoutMs = intFrom(env, 'DB_CONNECT_TIMEOUT_MS', 5000, 100, 120_000);
  const dataDir = path.resolve(env.IOC_DATA_DIR?.trim() || '.data');
  return Object.freeze({ url, dataDir, poolSize, connectTimeoutMs });
}

export function intFrom(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(
      `Invalid environment variables: ${name} must be an integer from ${min} to ${max} (got "${raw}")`,
    );
  }
  return n;
}
