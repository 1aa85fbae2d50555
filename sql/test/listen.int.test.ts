// A LISTEN connection cut by the server (restart, forced disconnect) comes back by itself and the
// listener is told to catch up; the process does not die on an unhandled error.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: false });
});
afterAll(async () => {
  await t?.drop();
});

function waitFor(check: () => boolean, ms: number): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - started > ms) reject(new Error(`not within ${ms} ms`));
      else setTimeout(tick, 50);
    };
    tick();
  });
}

describe('listening for events', () => {
  it('hears a NOTIFY, reconnects after the server kills its connection, and hears the next one', async () => {
    let heard = 0;
    const stop = await t.listen('ioc_events', () => heard++);
    await sql`insert into events (topic, type) values ('system', 'test.one')`.execute(t.db);
    await waitFor(() => heard >= 1, 3000);

    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    const killed = await admin.query(
      `select pg_terminate_backend(pid) as ok from pg_stat_activity
       where datname = current_database() and query ilike 'LISTEN%' and pid <> pg_backend_pid()`,
    );
    await admin.end();
    expect(killed.rowCount).toBe(1);

    // The reconnect itself calls back once so the listener re-reads what it may have missed.
    const before = heard;
    await waitFor(() => heard > before, 5000);
    const afterReconnect = heard;
    await sql`insert into events (topic, type) values ('system', 'test.two')`.execute(t.db);
    await waitFor(() => heard > afterReconnect, 3000);
    await stop();
  });
});
