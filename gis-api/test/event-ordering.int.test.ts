// The event feed under concurrent transactions on PostgreSQL: nothing lost when commits land out of seq order.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { startApiServer, type ApiServer } from './support/api-server.ts';
import { collectEvents, connect } from './support/event-client.ts';
import { lastSeq } from './support/insert-events.ts';

let database: TestDatabase;
let server: ApiServer;
let a: pg.Client;
let b: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: false });
  server = await startApiServer(database);
  a = new pg.Client({ connectionString: database.url });
  b = new pg.Client({ connectionString: database.url });
  await Promise.all([a.connect(), b.connect()]);
});

afterAll(async () => {
  await Promise.all([a?.end(), b?.end()]);
  await server?.close();
  await database?.drop();
});

const insertEvent = async (client: pg.Client, type: string) =>
  (
    await client.query<{ seq: string }>(
      `insert into events (topic, type) values ('system', $1) returning seq`,
      [type],
    )
  ).rows[0]!.seq;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('event ordering under concurrency', () => {
  it('an event with a lower seq committed after a higher one is still delivered, to live and replaying subscribers', async () => {
    const start = await lastSeq(database);
    const client = connect(server.wsUrl);
    const live = collectEvents(client, { after: start });

    // A takes its transaction id first (it wrote something else), B second; B takes the lower seq.
    await a.query('begin');
    await a.query('select pg_current_xact_id()');
    await b.query('begin');
    await b.query('select pg_current_xact_id()');
    const low = await insertEvent(b, 'system.b');
    const high = await insertEvent(a, 'system.a');
    expect(Number(low)).toBeLessThan(Number(high));
    await a.query('commit');
    expect((await live.waitFor(1)).map((e) => e.seq)).toEqual([high]);

    await b.query('commit');
    expect((await live.waitFor(2)).map((e) => e.seq)).toEqual([high, low]);

    // Resuming from the higher seq must still yield the lower one that committed later.
    const resumed = collectEvents(client, { after: high });
    expect((await resumed.waitFor(1)).map((e) => e.seq)).toEqual([low]);
    await client.dispose();
  });

  it('an event held back by an older open transaction arrives once that transaction ends, without a new NOTIFY', async () => {
    const start = await lastSeq(database);
    const client = connect(server.wsUrl);
    const live = collectEvents(client, { after: start });
    await a.query('begin');
    await a.query('select pg_current_xact_id()');
    const seq = await insertEvent(b, 'system.held');
    await sleep(400);
    // Committed, but A is older and still running, so it could yet commit an event before it.
    expect(live.events).toHaveLength(0);
    await a.query('rollback');
    expect((await live.waitFor(1)).map((e) => e.seq)).toEqual([seq]);
    await client.dispose();
  });
});
