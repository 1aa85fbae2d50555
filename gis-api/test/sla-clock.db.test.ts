// The SLA clock on a real database: overdue reports are marked, recorded and announced exactly once,
// in bounded batches, by one clock or by two running at the same time; errors never stop it.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, readDatabaseConfig, type Database, type DB } from '@ioc/sql';
import { createTestDatabase, testDbMode, type TestDatabase } from '@ioc/sql/testing';
import { SlaClock } from '../src/sla/sla-clock.ts';
import { SlaRepository } from '../src/sla/sla.repository.ts';
import { startApiServer } from './support/api-server.ts';
import { collectEvents, connect } from './support/event-client.ts';
import { lastSeq } from './support/insert-events.ts';

let database: TestDatabase;
let categoryId: number;
let unitId: number;
let citizenId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const one = async (q: ReturnType<typeof sql<{ id: number }>>) => (await q.execute(database.db)).rows[0]!.id;
  categoryId = await one(sql`select id from categories order by id limit 1`);
  unitId = await one(sql`select id from units where code = 'UBND-002'`);
  citizenId = await one(sql`select id from users where username = 'citizen'`);
});

afterAll(async () => {
  await database?.drop();
});

interface NewReport {
  status?: 'new' | 'acknowledged' | 'in_progress' | 'resolved' | 'closed' | 'rejected';
  /** Minutes from now (negative = past). */
  ackDue: number;
  resolveDue: number;
  owner?: number;
}

/** Inserts reports straight in SQL (created 10 days ago, in Hoàn Kiếm); returns their ids. */
async function insertReports(reports: NewReport[]): Promise<string[]> {
  const ids: string[] = [];
  for (const r of reports) {
    const { rows } = await sql<{ id: string }>`
      insert into reports (category_id, description, geom, unit_id, status, created_at, ack_due_at,
                           resolve_due_at, h3_r6, h3_r7, h3_r8, h3_r9, h3_r10)
      values (${categoryId}, 'Rác thải ùn ứ', ST_SetSRID(ST_MakePoint(105.852, 21.028), 4326), ${unitId},
              ${r.status ?? 'new'}::report_status, now() - interval '10 days',
              now() + make_interval(mins => ${r.ackDue}), now() + make_interval(mins => ${r.resolveDue}),
              1, 2, 3, 4, 5)
      returning id`.execute(database.db);
    const id = rows[0]!.id;
    if (r.owner !== undefined) {
      await sql`insert into report_reporters (report_id, user_id, phone) values (${id}, ${r.owner}, '0912345678')`.execute(
        database.db,
      );
    }
    ids.push(id);
  }
  return ids;
}

interface EventRow {
  seq: string;
  type: string;
  entity_id: string;
  payload: Record<string, unknown>;
  visibility: string;
  unit_id: number | null;
  owner_user_id: number | null;
  wkt: string;
}

async function overdueEvents(ids: string[]): Promise<EventRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<EventRow>`
    select seq, type, entity_id, payload, visibility, unit_id, owner_user_id, ST_AsText(geom) as wkt
    from events where topic = 'report' and type like '%overdue' and entity_id in (${sql.join(ids)})
    order by tx_id, seq`.execute(database.db);
  return rows;
}

const clock = (db: Kysely<DB> = database.db, batchSize?: number) =>
  new SlaClock(db, { intervalMs: 0, ...(batchSize ? { batchSize } : {}) });

describe('SLA clock', () => {
  it('marks a report past its acknowledge deadline once: a history row and one public event', async () => {
    const [id] = await insertReports([{ ackDue: -30, resolveDue: 60, owner: citizenId }]);
    const c = clock();
    expect((await c.tick()).ack).toBeGreaterThanOrEqual(1);
    await c.tick();

    const events = await overdueEvents([id!]);
    expect(events).toHaveLength(1);
    const report = (
      await sql<{ ack_due_at: Date; ack_overdue_at: Date | null; resolve_overdue_at: Date | null }>`
        select ack_due_at, ack_overdue_at, resolve_overdue_at from reports where id = ${id}`.execute(
        database.db,
      )
    ).rows[0]!;
    expect(report.ack_overdue_at).not.toBeNull();
    expect(report.resolve_overdue_at).toBeNull();
    expect(events[0]).toEqual({
      seq: expect.any(String),
      type: 'report.ack_overdue',
      entity_id: id,
      payload: { id, status: 'new', unitId, dueAt: new Date(report.ack_due_at).toISOString() },
      visibility: 'public',
      unit_id: unitId,
      owner_user_id: citizenId,
      wkt: 'POINT(105.852 21.028)',
    });
    // Reporter contact data never reaches the event.
    expect(JSON.stringify(events[0])).not.toContain('0912345678');
    const history = await sql<{
      action: string;
      actor_role: string;
      actor_user_id: number | null;
      data: unknown;
    }>`
      select action, actor_role, actor_user_id, data from report_events where report_id = ${id}`.execute(
      database.db,
    );
    expect(history.rows).toEqual([
      {
        action: 'ack_overdue',
        actor_role: 'system',
        actor_user_id: null,
        data: { dueAt: new Date(report.ack_due_at).toISOString() },
      },
    ]);
  });

  it('marks resolve deadlines of new, acknowledged and in-progress reports, and nothing closed or not yet due', async () => {
    const ids = await insertReports([
      { status: 'new', ackDue: -120, resolveDue: -60 },
      { status: 'acknowledged', ackDue: -120, resolveDue: -60 },
      { status: 'in_progress', ackDue: -120, resolveDue: -60 },
      { status: 'resolved', ackDue: -120, resolveDue: -60 },
      { status: 'closed', ackDue: -120, resolveDue: -60 },
      { status: 'rejected', ackDue: -120, resolveDue: -60 },
      { status: 'new', ackDue: 5, resolveDue: 60 },
    ]);
    await clock().tick();
    const events = await overdueEvents(ids);
    const got = events.map((e) => `${e.entity_id} ${e.type}`).sort();
    expect(got).toEqual(
      [
        `${ids[0]} report.ack_overdue`,
        `${ids[0]} report.resolve_overdue`,
        `${ids[1]} report.resolve_overdue`,
        `${ids[2]} report.resolve_overdue`,
      ].sort(),
    );
    const resolveOverdue = events.find((e) => e.entity_id === ids[1] && e.type === 'report.resolve_overdue')!;
    expect(resolveOverdue.payload).toMatchObject({ id: ids[1], status: 'acknowledged' });
    expect(resolveOverdue.owner_user_id).toBeNull();
  });

  it('works through a backlog in bounded batches, oldest deadline first', async () => {
    await clock().tick(); // earlier tests' leftovers
    const ids = await insertReports(
      Array.from({ length: 25 }, (_, i) => ({ ackDue: -1000 + i, resolveDue: 10_000 })),
    );
    const c = clock(database.db, 10);
    expect(await c.tick()).toEqual({ ack: 10, resolve: 0 });
    expect(await c.tick()).toEqual({ ack: 10, resolve: 0 });
    expect(await c.tick()).toEqual({ ack: 5, resolve: 0 });
    expect(await c.tick()).toEqual({ ack: 0, resolve: 0 });
    expect((await overdueEvents(ids)).map((e) => e.entity_id)).toEqual(ids);
  });

  it('two clocks ticking at the same time emit exactly one event per overdue report', async () => {
    await clock().tick();
    const ids = await insertReports(
      Array.from({ length: 120 }, (_, i) => ({ ackDue: -500 + (i % 7), resolveDue: i % 2 ? -10 : 600 })),
    );
    // On PostgreSQL the second clock has its own pool, i.e. its own connections, like another process.
    const other: Database | undefined = database.url
      ? await openDatabase(readDatabaseConfig({ DATABASE_URL: database.url, DB_POOL_SIZE: '3' }))
      : undefined;
    try {
      const a = clock(database.db, 7);
      const b = clock(other?.db ?? database.db, 7);
      const run = async (c: SlaClock) => {
        let marked = 0;
        for (;;) {
          const r = await c.tick();
          if (r.ack + r.resolve === 0) return marked;
          marked += r.ack + r.resolve;
        }
      };
      // Two transactions per clock at once: four overlapping ticks contend for the same rows.
      const marked = await Promise.all([run(a), run(b), run(a), run(b)]);
      expect(marked.reduce((x, y) => x + y)).toBe(120 + 60);
      const events = await overdueEvents(ids);
      const keys = events.map((e) => `${e.entity_id} ${e.type}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(events.filter((e) => e.type === 'report.ack_overdue')).toHaveLength(120);
      expect(events.filter((e) => e.type === 'report.resolve_overdue')).toHaveLength(60);
      const history = await sql<{ n: number }>`
        select count(*)::int as n from report_events
        where report_id in (${sql.join(ids)}) and actor_role = 'system'`.execute(database.db);
      expect(history.rows[0]!.n).toBe(180);
    } finally {
      await other?.close();
    }
  });

  // PGlite has one connection, so there is no second instance to race with.
  it.skipIf(testDbMode() === 'pglite')(
    'a clock passes over reports another instance is marking right now, without waiting, and never repeats them',
    async () => {
      await clock().tick();
      const ids = await insertReports(
        Array.from({ length: 6 }, (_, i) => ({ ackDue: -100 + i, resolveDue: 600 })),
      );
      const other = await openDatabase(
        readDatabaseConfig({ DATABASE_URL: database.url!, DB_POOL_SIZE: '2' }),
      );
      try {
        let during: { ack: number; resolve: number } | undefined;
        await other.db.transaction().execute(async (tx) => {
          // "Another instance" has marked the three oldest and not committed yet.
          const held = await new SlaRepository(tx).markOverdue('ack', 3);
          expect(held.map((r) => r.id)).toEqual(ids.slice(0, 3));
          during = await clock().tick();
        });
        expect(during).toEqual({ ack: 3, resolve: 0 });
        expect(await clock().tick()).toEqual({ ack: 0, resolve: 0 });
        // The other instance's marks committed without events (it was only this repository call),
        // so exactly the three this clock took have one.
        expect((await overdueEvents(ids)).map((e) => e.entity_id)).toEqual(ids.slice(3));
      } finally {
        await other.close();
      }
    },
  );

  it('a failing tick is reported and the clock keeps ticking', async () => {
    const errors: unknown[] = [];
    const broken = {
      transaction: () => ({ execute: () => Promise.reject(new Error('connection refused')) }),
    } as unknown as Kysely<DB>;
    const c = new SlaClock(broken, { intervalMs: 20, onError: (err) => errors.push(err) });
    c.start();
    for (let i = 0; i < 100 && errors.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    await c.stop();
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect((errors[0] as Error).message).toBe('connection refused');
    const after = errors.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(errors.length).toBe(after);
  });

  it('runs inside gis-api on its interval: subscribers see the overdue event live', async () => {
    await clock().tick();
    const server = await startApiServer(database, { SLA_CLOCK_INTERVAL_MS: '100' });
    try {
      const client = connect(server.wsUrl);
      const sub = collectEvents(client, { after: await lastSeq(database), topics: ['report'] });
      const [id] = await insertReports([{ ackDue: -1, resolveDue: 600 }]);
      const [event] = await sub.waitFor(1);
      expect(event).toMatchObject({
        type: 'report.ack_overdue',
        entityId: id,
        payload: { id, status: 'new' },
      });
      await client.dispose();
    } finally {
      await server.close();
    }
  });
});
