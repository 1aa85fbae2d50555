// Shared set-up for the SLA clock tests: a seeded database, reports inserted straight in SQL with
// chosen deadlines, and the overdue events written for them.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { DB } from '@ioc/sql';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { SlaClock } from '../../src/sla/sla-clock.ts';

let database: TestDatabase;
let categoryId: number;
let unitId: number;
let citizenId: number;

export function useSlaDatabase(): void {
  beforeAll(async () => {
    database = await createTestDatabase();
    const one = async (q: ReturnType<typeof sql<{ id: number }>>) =>
      (await q.execute(database.db)).rows[0]!.id;
    categoryId = await one(sql`select id from categories order by id limit 1`);
    unitId = await one(sql`select id from units where code = 'UBND-002'`);
    citizenId = await one(sql`select id from users where username = 'citizen'`);
  });

  afterAll(async () => {
    await database?.drop();
  });
}

/** The database of the running suite (after useSlaDatabase's beforeAll). */
export function slaDatabase(): TestDatabase {
  return database;
}

export function ids(): { categoryId: number; unitId: number; citizenId: number } {
  return { categoryId, unitId, citizenId };
}

export interface NewReport {
  status?: 'new' | 'acknowledged' | 'in_progress' | 'resolved' | 'closed' | 'rejected';
  /** Minutes from now (negative = past). */
  ackDue: number;
  resolveDue: number;
  owner?: number;
}

/** Inserts reports straight in SQL (created 10 days ago, in Hoàn Kiếm); returns their ids. */
export async function insertReports(reports: NewReport[]): Promise<string[]> {
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

export interface EventRow {
  seq: string;
  type: string;
  entity_id: string;
  payload: Record<string, unknown>;
  visibility: string;
  unit_id: number | null;
  owner_user_id: number | null;
  wkt: string;
}

export async function overdueEvents(ids: string[]): Promise<EventRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<EventRow>`
    select seq, type, entity_id, payload, visibility, unit_id, owner_user_id, ST_AsText(geom) as wkt
    from events where topic = 'report' and type like '%overdue' and entity_id in (${sql.join(ids)})
    order by tx_id, seq`.execute(database.db);
  return rows;
}

export const clock = (db: Kysely<DB> = database.db, batchSize?: number) =>
  new SlaClock(db, { intervalMs: 0, ...(batchSize ? { batchSize } : {}) });
