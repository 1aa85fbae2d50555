// Two real gis-api processes on one PostgreSQL: every subscriber on either instance gets every event it
// may see exactly once and in log order; a client can resume on the other instance; both SLA clocks
// together announce each overdue report once.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { signToken } from '../src/auth/token.ts';
import { appendEvent } from '../src/events/event-writer.ts';
import { TEST_AUTH_SECRET } from './support/api-server.ts';
import { collectEvents, connect, type EventCollector } from './support/event-client.ts';
import { startGisApiProcess, type GisApiProcess } from './support/gis-api-process.ts';
import { lastSeq } from './support/insert-events.ts';

let database: TestDatabase;
const instances: GisApiProcess[] = [];
let operatorToken: string;
const clients: Array<ReturnType<typeof connect>> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const env = {
    DATABASE_URL: database.url!,
    DB_POOL_SIZE: '4',
    AUTH_SECRET: TEST_AUTH_SECRET,
    EVENTS_POLL_MS: '1000',
    SLA_CLOCK_INTERVAL_MS: '150',
  };
  const started = await Promise.allSettled([startGisApiProcess(env), startGisApiProcess(env)]);
  for (const s of started) if (s.status === 'fulfilled') instances.push(s.value);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const operator = await sql<{ id: number }>`select id from users where username = 'operator'`.execute(
    database.db,
  );
  const iat = Math.floor(Date.now() / 1000);
  operatorToken = await signToken(
    { sub: String(operator.rows[0]!.id), role: 'operator', iat, exp: iat + 600 },
    TEST_AUTH_SECRET,
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => Promise.resolve(c.dispose()).catch(() => {})));
  // Killed even when a test failed; each stop() ends in SIGKILL if SIGTERM is not enough.
  await Promise.all(instances.map((p) => p.stop()));
  await database?.drop();
});

function subscribe(instance: GisApiProcess, as: 'anonymous' | 'operator', after: string): EventCollector {
  const client = connect(
    instance.wsUrl,
    as === 'operator' ? { authorization: `Bearer ${operatorToken}` } : undefined,
  );
  clients.push(client);
  return collectEvents(client, { after });
}

/** The log order of these events, (tx_id, seq), as the database has it. */
async function logOrder(seqs: string[]): Promise<string[]> {
  const { rows } = await sql<{ seq: string }>`
    select seq from events where seq in (${sql.join(seqs)}) order by tx_id, seq`.execute(database.db);
  return rows.map((r) => r.seq);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('two gis-api processes on one database', () => {
  it('every subscriber on both instances gets every event it may see, exactly once, in log order', async () => {
    const start = await lastSeq(database);
    const subs = instances.flatMap((instance) => [
      { instance, as: 'operator' as const, sub: subscribe(instance, 'operator', start) },
      { instance, as: 'anonymous' as const, sub: subscribe(instance, 'anonymous', start) },
      { instance, as: 'operator' as const, sub: subscribe(instance, 'operator', start) },
    ]);

    // 40 rounds of 5 concurrent transactions (1–3 events each): commits land out of seq order.
    const written: Array<{ seq: string; staff: boolean }> = [];
    for (let round = 0; round < 40; round++) {
      const batches = await Promise.all(
        Array.from({ length: 5 }, (_, t) =>
          database.db.transaction().execute(async (tx) => {
            const out = [];
            for (let k = 0; k <= (round + t) % 3; k++) {
              const staff = (round + t + k) % 4 === 0;
              const seq = await appendEvent(tx, {
                topic: 'system',
                type: 'system.fanout',
                payload: { round, t, k },
                visibility: staff ? 'staff' : 'public',
              });
              out.push({ seq, staff });
            }
            return out;
          }),
        ),
      );
      written.push(...batches.flat());
    }

    const all = await logOrder(written.map((w) => w.seq));
    const publicOnly = all.filter((seq) => !written.find((w) => w.seq === seq)!.staff);
    expect(all).toHaveLength(written.length);
    for (const { instance, as, sub } of subs) {
      const expected = as === 'operator' ? all : publicOnly;
      const got = await sub.waitFor(expected.length, 30_000).catch((err: Error) => {
        throw new Error(`${err.message} on ${instance.url}\n${instance.output()}`);
      });
      expect(got.map((e) => e.seq)).toEqual(expected);
    }
    await sleep(500);
    for (const { as, sub } of subs) {
      expect(sub.events).toHaveLength(as === 'operator' ? all.length : publicOnly.length);
      expect(sub.errors).toEqual([]);
    }
  });

  it('a client that loses instance A resumes on instance B from its last seq without a gap or a repeat', async () => {
    const [a, b] = instances as [GisApiProcess, GisApiProcess];
    const start = await lastSeq(database);
    const write = async (n: number) => {
      const seqs: string[] = [];
      for (let i = 0; i < n; i++) {
        seqs.push(
          await database.db
            .transaction()
            .execute((tx) => appendEvent(tx, { topic: 'system', type: 'system.resume', payload: { i } })),
        );
      }
      return seqs;
    };
    const first = subscribe(a, 'anonymous', start);
    const before = await write(10);
    await first.waitFor(10);
    const cursor = first.events.at(-1)!.seq;
    await clients.at(-1)!.dispose();

    const missed = await write(10);
    const second = subscribe(b, 'anonymous', cursor);
    const live = await write(10);
    const got = await second.waitFor(20);
    expect([...first.events, ...got].map((e) => e.seq)).toEqual(
      await logOrder([...before, ...missed, ...live]),
    );
  });

  it('with both SLA clocks running, each overdue report is announced once, to subscribers on both instances', async () => {
    const start = await lastSeq(database);
    const subs = instances.map((instance) => subscribe(instance, 'operator', start));
    const ids = (
      await sql<{ id: string }>`
        insert into reports (category_id, description, geom, unit_id, created_at, ack_due_at, resolve_due_at,
                             h3_r6, h3_r7, h3_r8, h3_r9, h3_r10)
        select (select min(id) from categories), 'Đèn đường hỏng ' || n,
               ST_SetSRID(ST_MakePoint(105.85, 21.03), 4326), (select min(id) from units),
               now() - interval '2 days', now() - make_interval(mins => n), now() + interval '1 day', 1, 2, 3, 4, 5
        from generate_series(1, 50) as n
        returning id`.execute(database.db)
    ).rows.map((r) => r.id);

    for (const sub of subs) {
      const got = await sub.waitFor(50, 30_000);
      expect(got.every((e) => e.type === 'report.ack_overdue')).toBe(true);
      expect(new Set(got.map((e) => e.entityId))).toEqual(new Set(ids));
    }
    await sleep(600); // several more ticks on each instance
    for (const sub of subs) expect(sub.events).toHaveLength(50);
    const counted = await sql<{ n: number }>`
      select count(*)::int as n from events where type = 'report.ack_overdue'`.execute(database.db);
    expect(counted.rows[0]!.n).toBe(50);
  });
});
