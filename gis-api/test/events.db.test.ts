// The live event feed over a real graphql-ws socket: order, no loss, no repeats, replay after a disconnect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { startApiServer, type ApiServer } from './support/api-server.ts';
import { collectEvents, connect } from './support/event-client.ts';
import { insertEvents, insertManyEvents, lastSeq } from './support/insert-events.ts';

let database: TestDatabase;
let server: ApiServer;

beforeAll(async () => {
  // Reference data is not needed here, and the unseeded template starts faster.
  database = await createTestDatabase({ seeded: false });
  server = await startApiServer(database);
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

const seqsOf = (events: Array<{ seq: string }>) => events.map((e) => e.seq);
const ascending = (seqs: string[]) => [...seqs].sort((a, b) => Number(a) - Number(b));

describe('events subscription', () => {
  it('streams events committed after the cursor live, in order, each exactly once', async () => {
    const after = await lastSeq(database);
    const client = connect(server.wsUrl);
    const sub = collectEvents(client, { after });
    const written: string[] = [];
    for (let i = 0; i < 10; i++) {
      // Some transactions write one event, some several.
      written.push(
        ...(await insertEvents(
          database,
          Array.from({ length: (i % 3) + 1 }, (_, k) => ({ entityId: `${i}.${k}` })),
        )),
      );
    }
    const got = await sub.waitFor(written.length);
    expect(seqsOf(got)).toEqual(written);
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.events).toHaveLength(written.length);
    expect(got[0]).toMatchObject({ topic: 'report', type: 'report.submitted', entityId: '0.0', payload: {} });
    expect(new Date(got[0]!.occurredAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    await sub.stop();
    await client.dispose();
  });

  it('without a cursor delivers only events from the moment of subscribing', async () => {
    // "Now" is what the hub has read: wait until a cursor subscriber has seen the earlier event (a
    // write transaction open elsewhere in the cluster may hold it back for a moment).
    const watcher = connect(server.wsUrl);
    const watch = collectEvents(watcher, { after: await lastSeq(database) });
    const [before] = await insertEvents(database, [{ type: 'system.before' }]);
    expect((await watch.waitFor(1)).map((e) => e.seq)).toEqual([before]);
    await watcher.dispose();

    const client = connect(server.wsUrl);
    const sub = collectEvents(client, {});
    // The server gives no "subscribed" signal, so probe until the feed is evidently live.
    for (let i = 0; i < 100 && sub.events.length === 0; i++) {
      await insertEvents(database, [{ topic: 'system', type: 'system.probe' }]);
      await new Promise((r) => setTimeout(r, 50));
    }
    const [after] = await insertEvents(database, [{ type: 'system.after' }]);
    const all = await waitUntilSeq(sub, after!);
    expect(seqsOf(all)).not.toContain(before);
    expect(all.every((e) => e.type === 'system.probe' || e.type === 'system.after')).toBe(true);
    expect(seqsOf(all)).toEqual(ascending(seqsOf(all)));
    expect(new Set(seqsOf(all)).size).toBe(all.length);
    await client.dispose();
  });

  it('a subscriber reconnecting with its last seq gets exactly the events it missed, then live ones', async () => {
    const start = await lastSeq(database);
    const first = connect(server.wsUrl);
    const sub1 = collectEvents(first, { after: start });
    const batch1 = await insertEvents(database, [{}, {}, {}]);
    expect(seqsOf(await sub1.waitFor(3))).toEqual(batch1);
    const cursor = sub1.events[2]!.seq;
    await sub1.stop();
    await first.dispose();

    const missed = [...(await insertEvents(database, [{}, {}])), ...(await insertEvents(database, [{}]))];
    const second = connect(server.wsUrl);
    const sub2 = collectEvents(second, { after: cursor });
    expect(seqsOf(await sub2.waitFor(3))).toEqual(missed);
    const live = await insertEvents(database, [{}, {}]);
    expect(seqsOf(await sub2.waitFor(5))).toEqual([...missed, ...live]);
    await second.dispose();
  });

  it('replays a log longer than one page from the start while new events keep arriving', async () => {
    await insertManyEvents(database, 1200);
    const total = Number(
      (
        await database.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const client = connect(server.wsUrl);
    const sub = collectEvents(client, { after: '0' });
    const extra: string[] = [];
    for (let i = 0; i < 20; i++) extra.push(...(await insertEvents(database, [{ type: 'report.updated' }])));
    const all = await sub.waitFor(total + extra.length, 30_000);
    const seqs = seqsOf(all);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(ascending(seqs));
    expect(seqs.slice(-extra.length)).toEqual(extra);
    await client.dispose();
  });

  it('topics limit the feed to those topics, replayed and live', async () => {
    const start = await lastSeq(database);
    await insertEvents(database, [{ topic: 'camera', type: 'camera.offline' }, { topic: 'report' }]);
    const client = connect(server.wsUrl);
    const sub = collectEvents(client, { after: start, topics: ['camera', 'alert'] });
    await insertEvents(database, [{ topic: 'report' }, { topic: 'alert', type: 'alert.issued' }]);
    const got = await sub.waitFor(2);
    expect(got.map((e) => e.type)).toEqual(['camera.offline', 'alert.issued']);
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.events).toHaveLength(2);
    await client.dispose();
  });

  it.each([
    [
      { topics: ['weather'] },
      'Unknown topic "weather"; topics are report, camera, facility, alert, unit, system',
    ],
    [{ after: 'abc' }, 'after must be an event seq (digits), got "abc"'],
    [{ after: '999999999' }, 'after: no event has seq 999999999'],
  ])('a bad subscription %j is refused with BAD_USER_INPUT', async (variables, message) => {
    const client = connect(server.wsUrl);
    const sub = collectEvents(client, variables);
    await sub.waitForError();
    expect(sub.errors[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    await client.dispose();
  });

  it('exports the last fanned-out seq as a metric', async () => {
    const [seq] = await insertEvents(database, [{}]);
    const client = connect(server.wsUrl);
    const sub = collectEvents(client, { after: String(Number(seq) - 1) });
    await sub.waitFor(1);
    await waitForMetric(`ioc_events_last_seq ${seq}`);
    await client.dispose();
  });
});

async function waitUntilSeq(sub: ReturnType<typeof collectEvents>, seq: string) {
  for (let i = 0; i < 200; i++) {
    if (sub.events.some((e) => e.seq === seq)) return sub.events;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`seq ${seq} never arrived`);
}

async function waitForMetric(line: string) {
  for (let i = 0; i < 100; i++) {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    if (text.includes(line)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`metric line "${line}" never appeared`);
}
