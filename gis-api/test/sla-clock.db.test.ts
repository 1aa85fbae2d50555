// The SLA clock on a real database: overdue reports are marked, recorded and announced exactly once,
// in bounded batches, by one clock or by two running at the same time; errors never stop it.
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, readDatabaseConfig, type Database, type DB } from '@ioc/sql';
import { SlaClock } from '../src/sla/sla-clock.ts';
import { startApiServer } from './support/api-server.ts';
import { collectEvents, connect } from './support/event-client.ts';
import { lastSeq } from './support/insert-events.ts';
import {
  clock,
  ids,
  insertReports,
  overdueEvents,
  slaDatabase,
  useSlaDatabase,
} from './support/sla-fixtures.ts';

useSlaDatabase();

describe('SLA clock', () => {
  it('marks a report past its acknowledge deadline once: a history row and one public event', async () => {
    const [id] = await insertReports([{ ackDue: -30, resolveDue: 60, owner: ids().citizenId }]);
    const c = clock();
    expect((await c.tick()).ack).toBeGreaterThanOrEqual(1);
    await c.tick();

    const events = await overdueEvents([id!]);
    expect(events).toHaveLength(1);
    const report = (
      await sql<{ ack_due_at: Date; ack_overdue_at: Date | null; resolve_overdue_at: Date | null }>`
        select ack_due_at, ack_overdue_at, resolve_overdue_at from reports where id = ${id}`.execute(
        slaDatabase().db,
      )
    ).rows[0]!;
    expect(report.ack_overdue_at).not.toBeNull();
    expect(report.resolve_overdue_at).toBeNull();
    expect(events[0]).toEqual({
      seq: expect.any(String),
      type: 'report.ack_overdue',
      entity_id: id,
      payload: { id, status: 'new', unitId: ids().unitId, dueAt: new Date(report.ack_due_at).toISOString() },
      visibility: 'public',
      unit_id: ids().unitId,
      owner_user_id: ids().citizenId,
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
      slaDatabase().db,
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
    const c = clock(slaDatabase().db, 10);
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
    const other: Database | undefined = slaDatabase().url
      ? await openDatabase(readDatabaseConfig({ DATABASE_URL: slaDatabase().url, DB_POOL_SIZE: '3' }))
      : undefined;
    try {
      const a = clock(slaDatabase().db, 7);
      const b = clock(other?.db ?? slaDatabase().db, 7);
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
        where report_id in (${sql.join(ids)}) and actor_role = 'system'`.execute(slaDatabase().db);
      expect(history.rows[0]!.n).toBe(180);
    } finally {
      await other?.close();
    }
  });

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
    const server = await startApiServer(slaDatabase(), { SLA_CLOCK_INTERVAL_MS: '100' });
    try {
      const client = connect(server.wsUrl);
      const sub = collectEvents(client, { after: await lastSeq(slaDatabase()), topics: ['report'] });
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
