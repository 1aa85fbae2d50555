// A fresh database per test suite: on PostgreSQL a clone of a migrated template, on PGlite an
// in-memory instance loaded from a template dumped once and cached on disk.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { readDatabaseConfig } from '../config.ts';
import { openDatabase, type Database } from '../database.ts';
import { functionsDir, migrate, migrationsDir, readSqlFiles } from '../migrator.ts';
import { seedReferenceData } from '../seed/seed.ts';
import { adminUrl, templateMigrated, templateSeeded, testDbMode, urlFor } from './test-env.ts';

export interface TestDatabase extends Database {
  /** postgres:// URL of this database (pg mode only), for servers started by the test. */
  readonly url: string | undefined;
  /** Closes and drops the database. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Reference data (admin units, units, categories, facilities, cameras, basemap, demo users). Default true. */
  seeded?: boolean;
  mode?: 'pg' | 'pglite';
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const seeded = options.seeded ?? true;
  return (options.mode ?? testDbMode()) === 'pglite' ? createPGlite(seeded) : createPg(seeded);
}

async function createPg(seeded: boolean): Promise<TestDatabase> {
  const name = `ioc_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name} template ${seeded ? templateSeeded() : templateMigrated()}`);
  const url = urlFor(name);
  const database = await openDatabase(readDatabaseConfig({ DATABASE_URL: url, DB_POOL_SIZE: '5' }));
  return {
    ...database,
    url,
    async drop() {
      await database.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

async function createPGlite(seeded: boolean): Promise<TestDatabase> {
  const tarball = await pgliteTemplate(seeded);
  const database = await openDatabase(readDatabaseConfig({}), { pgliteSource: { tarball } });
  return { ...database, url: undefined, drop: () => database.close() };
}

// Migrating and seeding PGlite takes ~20 s; a dump keyed by the SQL it was built from makes later suites start in ~5 s.
async function pgliteTemplate(seeded: boolean): Promise<Blob> {
  const hash = crypto.createHash('sha256');
  for (const f of [...readSqlFiles(migrationsDir), ...readSqlFiles(functionsDir)]) hash.update(f.checksum);
  hash.update(seedFingerprint());
  const file = path.join(
    os.tmpdir(),
    `ioc-pglite-${seeded ? 'seeded' : 'migrated'}-${hash.digest('hex').slice(0, 16)}.tar.gz`,
  );
  if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
  const database = await openDatabase(readDatabaseConfig({}), { pgliteSource: 'memory' });
  try {
    await migrate(database);
    if (seeded) await seedReferenceData(database, { quiet: true, demoPasswords: 'fixed' });
    if (!database.pglite) throw new Error('PGlite handle missing');
    const blob = await database.pglite.dumpDataDir('gzip');
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(tmp, file);
    return blob;
  } finally {
    await database.close();
  }
}

// The seed code and data change the template too.
function seedFingerprint(): string {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'seed');
  const hash = crypto.createHash('sha256');
  for (const f of fs.readdirSync(root).sort()) hash.update(fs.readFileSync(path.join(root, f)));
  return hash.digest('hex');
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
