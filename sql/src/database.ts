// The database factory: a `pg` pool when DATABASE_URL is set, embedded PGlite + PostGIS otherwise,
// behind one kysely instance so every repository has a single code path.
import fs from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from './config.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type DatabaseMode = 'pg' | 'pglite';

export interface Database {
  readonly db: Kysely<DB>;
  readonly mode: DatabaseMode;
  /** Where it is, for messages: host:port/db or the embedded data directory. Never a password. */
  readonly location: string;
  /** Features the engine has; the embedded engine's PostGIS is built without protobuf (no ST_AsMVT). */
  readonly capabilities: { readonly mvt: boolean };
  /** The embedded engine itself (PGlite mode only), for dumps and diagnostics. */
  readonly pglite?: import('@electric-sql/pglite').PGlite;
  /** Subscribe to NOTIFY on a channel; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export interface OpenOptions {
  /** Open PGlite in memory (tests) or from a dumped data directory instead of `config.dataDir`. */
  pgliteSource?: 'dataDir' | 'memory' | { tarball: Blob };
}

export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  return config.url ? openPg(config) : openPGlite(config, options.pgliteSource ?? 'dataDir');
}

/** host:port/database of a URL, without credentials, for error messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

// int8 stays a string in both engines: ids and H3 cells exceed 2^53, and one type everywhere
// beats a number that is silently wrong.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

async function openPg(config: DatabaseConfig): Promise<Database> {
  const url = config.url!;
  const location = describeUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: config.poolSize,
    connectionTimeoutMillis: config.connectTimeoutMs,
    application_name: 'ioc',
  });
  // An idle client losing its server (a restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    await withTimeout(pool.query('select 1'), config.connectTimeoutMs + 500, 'timed out');
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(`Cannot reach PostgreSQL at ${location}: ${reason(err)}`);
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    mode: 'pg',
    location,
    capabilities: { mvt: true },
    listen: (channel, onNotify) => listenPg(pool, channel, onNotify),
    async close() {
      await db.destroy();
    },
  };
}

/**
 * LISTEN on a dedicated connection that survives the server: when it is lost (a restart, a forced
 * disconnect) it reconnects every second and then calls onNotify once, so the listener catches up on
 * whatever it missed instead of the process dying on an unhandled error.
 */
async function listenPg(pool: pg.Pool, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.PoolClient | undefined;
  let retry: NodeJS.Timeout | undefined;
  const onMessage = (msg: pg.Notification) => {
    if (msg.channel === channel) onNotify();
  };
  const connect = async (): Promise<void> => {
    const c = await pool.connect();
    let lost = false;
    c.on('notification', onMessage);
    c.on('error', () => {
      // After unsubscribing, the client went back to the pool: it is the pool's to discard now.
      if (lost || stopped) return;
      lost = true;
      c.off('notification', onMessage);
      c.release(true);
      if (client === c) client = undefined;
      reconnectSoon();
    });
    try {
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      if (!lost) {
        lost = true;
        c.release(true);
      }
      throw err;
    }
    client = c;
  };
  const reconnectSoon = () => {
    if (stopped) return;
    retry = setTimeout(() => {
      connect().then(onNotify, reconnectSoon);
    }, 1000);
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const c = client;
    client = undefined;
    if (!c) return;
    c.off('notification', onMessage);
    await c.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
    c.release();
  };
}

async function openPGlite(
  config: DatabaseConfig,
  source: NonNullable<OpenOptions['pgliteSource']>,
): Promise<Database> {
  // Imported lazily: the WebAssembly engine costs ~1 GB and is only for embedded mode.
  const { PGlite, types } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const options = {
    extensions: { postgis, unaccent, pg_trgm },
    parsers: { [types.INT8]: (v: string) => v },
    relaxedDurability: false,
  };
  let location: string;
  let instance;
  if (source === 'memory') {
    location = 'memory';
    instance = await PGlite.create({ ...options, dataDir: 'memory://' });
  } else if (source === 'dataDir') {
    location = config.dataDir;
    fs.mkdirSync(config.dataDir, { recursive: true });
    instance = await PGlite.create({ ...options, dataDir: config.dataDir });
  } else {
    location = 'memory (from template)';
    instance = await PGlite.create({ ...options, dataDir: 'memory://', loadDataDir: source.tarball });
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(instance) });
  await sql`select 1`.execute(db);
  return {
    db,
    mode: 'pglite',
    location,
    pglite: instance,
    capabilities: { mvt: false },
    async listen(channel, onNotify) {
      const unlisten = await instance.listen(channel, () => onNotify());
      return async () => unlisten();
    },
    async close() {
      await db.destroy();
    },
  };
}

function reason(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    const message =
      err.message || (err as AggregateError).errors?.map((e: Error) => e.message).join('; ') || '';
    return code && !message.includes(code) ? `${code} ${message}`.trim() : message || String(code);
  }
  return String(err);
}

async function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
