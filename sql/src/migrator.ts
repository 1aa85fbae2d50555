// Applies sql/migrations/*.sql in name order, once each, then (re)creates sql/functions/*.sql.
// Used by `npm start`, `npm run db:migrate`, the tests and CI alike.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';

// The migrator works before and regardless of the typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
import type { Database } from './database.ts';

const sqlRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const migrationsDir = path.join(sqlRoot, 'migrations');
export const functionsDir = path.join(sqlRoot, 'functions');

// Any constant works; it only has to be the same for every process migrating this database.
const MIGRATION_LOCK = 4_201_180;

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface SqlFile {
  name: string;
  text: string;
  checksum: string;
}

export function readSqlFiles(dir: string): SqlFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, text, checksum: crypto.createHash('sha256').update(text).digest('hex') };
    });
}

export interface MigrateResult {
  applied: string[];
  /** Function files (re)created because they were new or changed. */
  functions: number;
}

export async function migrate(
  database: Database,
  log: (line: string) => void = () => {},
): Promise<MigrateResult> {
  const { db } = database;
  await assertPostgisAvailable(database);
  const migrations = readSqlFiles(migrationsDir);
  const functions = readSqlFiles(functionsDir);
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (
        name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(
        conn,
      );
      const done = new Map((await appliedMigrations(conn)).map((m) => [m.name, m.checksum]));
      for (const [name, checksum] of done) {
        const file = migrations.find((m) => m.name === name);
        if (file && file.checksum !== checksum) {
          throw new MigrationError(
            `Migration ${name} was edited after it was applied; add a new migration instead.`,
          );
        }
      }
      const applied: string[] = [];
      for (const m of migrations.filter((m) => !done.has(m.name))) {
        await conn.transaction().execute(async (tx) => {
          await runScript(tx, m, 'migration');
          await sql`insert into schema_migrations (name, checksum) values (${m.name}, ${m.checksum})`.execute(
            tx,
          );
        });
        applied.push(m.name);
        log(`migrated ${m.name}`);
      }
      const refreshed = await refreshFunctions(conn, functions);
      if (refreshed.length > 0) log(`created or updated ${refreshed.length} SQL function(s)`);
      return { applied, functions: refreshed.length };
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}

/**
 * Creates the functions of new or changed files in sql/functions/. Each file holds one function named
 * like the file; a changed file first drops that function (every overload), because CREATE OR REPLACE
 * cannot change a return type or parameter names.
 */
export async function refreshFunctions(db: AnyDb, files: SqlFile[]): Promise<string[]> {
  await sql`create table if not exists schema_functions (
    name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(
    db,
  );
  const known = new Map(
    (
      await sql<{ name: string; checksum: string }>`select name, checksum from schema_functions`.execute(db)
    ).rows.map((r) => [r.name, r.checksum]),
  );
  const changed = files.filter((f) => known.get(f.name) !== f.checksum);
  if (changed.length === 0) return [];
  await db.transaction().execute(async (tx) => {
    for (const f of changed) {
      const fn = path.basename(f.name, '.sql');
      const overloads = await sql<{ sig: string }>`
        select p.oid::regprocedure::text as sig from pg_proc p
        where p.proname = ${fn} and p.pronamespace = 'public'::regnamespace`.execute(tx);
      for (const o of overloads.rows) await sql`drop function ${sql.raw(o.sig)}`.execute(tx);
    }
    // Created in name order after all drops, so a function may call one defined in an earlier file.
    for (const f of changed) {
      await runScript(tx, f, 'function');
      await sql`insert into schema_functions (name, checksum) values (${f.name}, ${f.checksum})
        on conflict (name) do update set checksum = excluded.checksum, applied_at = now()`.execute(tx);
    }
  });
  return changed.map((f) => f.name);
}

/** Names of migration files not yet applied (for /readyz). */
export async function pendingMigrations(db: AnyDb): Promise<string[]> {
  const exists = await sql<{ t: string | null }>`select to_regclass('schema_migrations')::text as t`.execute(
    db,
  );
  const done = exists.rows[0]?.t
    ? new Set((await appliedMigrations(db)).map((m) => m.name))
    : new Set<string>();
  return readSqlFiles(migrationsDir)
    .map((m) => m.name)
    .filter((n) => !done.has(n));
}

async function appliedMigrations(db: AnyDb): Promise<Array<{ name: string; checksum: string }>> {
  const r = await sql<{
    name: string;
    checksum: string;
  }>`select name, checksum from schema_migrations order by name`.execute(db);
  return r.rows;
}

async function runScript(db: AnyDb, file: SqlFile, what: string): Promise<void> {
  try {
    await sql.raw(file.text).execute(db);
  } catch (err) {
    throw new MigrationError(`${what} ${file.name} failed: ${(err as Error).message}`);
  }
}

async function assertPostgisAvailable(database: Database): Promise<void> {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_available_extensions where name = 'postgis'`.execute(database.db);
  if (!r.rows[0]?.n) {
    throw new MigrationError(
      `PostGIS is not installed on ${database.location}: install it (Debian: apt-get install -y postgresql-15-postgis-3) or use the postgis/postgis image.`,
    );
  }
}
