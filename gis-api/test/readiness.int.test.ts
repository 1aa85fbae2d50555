// Readiness against real failure modes on PostgreSQL: a schema behind the code, and a database that refuses connections.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { startApiServer, type ApiServer } from './support/api-server.ts';

let database: TestDatabase | undefined;
let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  await database?.drop();
  server = undefined;
  database = undefined;
});

describe('readyz', () => {
  it('is 503 naming the migration when the database lacks one the code expects', async () => {
    database = await createTestDatabase({ seeded: false });
    // What a database migrated by an older release looks like: the newest migration is not recorded.
    await database.db.deleteFrom('schema_migrations').where('name', '=', '0009_basemap.sql').execute();
    server = await startApiServer(database);
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: 'unavailable',
      reason: 'migrations pending: 0009_basemap.sql',
    });
    // Liveness is about the process, not its dependencies.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('is 503 when the database refuses connections, and healthz stays 200', async () => {
    database = await createTestDatabase({ seeded: false });
    server = await startApiServer(database, { READY_TIMEOUT_MS: '1500' });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const name = new URL(database.url!).pathname.slice(1);
    // New connections are refused and the pool's idle ones are cut. The LISTEN connection is spared:
    // @ioc/sql's listen() has no error handler on it yet, so losing it would crash the process.
    await admin(`alter database ${name} allow_connections false`);
    await admin(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where datname = '${name}' and pid <> pg_backend_pid() and query not ilike 'LISTEN%'`,
    );
    try {
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; reason: string };
      expect(body.status).toBe('unavailable');
      expect(body.reason).toMatch(
        new RegExp(`^database at 127\\.0\\.0\\.1:5432/${name} failed: .*not currently accepting connections`),
      );
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/ioc_db_query_errors_total\{source="readyz"\} [1-9]/);
    } finally {
      await admin(`alter database ${name} allow_connections true`);
    }
  });
});

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: new URL('/postgres', database!.url!).toString() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
