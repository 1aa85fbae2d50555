// Writes rows into the event log the way domain transactions will: one or several per transaction.
import { sql } from 'kysely';
import type { Database } from '@ioc/sql';

export interface NewEvent {
  topic?: string;
  type?: string;
  entityId?: string;
  payload?: Record<string, unknown>;
}

/** Inserts the events in one transaction; returns their seqs in order. */
export async function insertEvents(database: Database, events: NewEvent[]): Promise<string[]> {
  return database.db.transaction().execute(async (tx) => {
    const seqs: string[] = [];
    for (const e of events) {
      const row = await tx
        .insertInto('events')
        .values({
          topic: e.topic ?? 'report',
          type: e.type ?? 'report.submitted',
          entity_id: e.entityId ?? null,
          payload: JSON.stringify(e.payload ?? {}),
        })
        .returning('seq')
        .executeTakeFirstOrThrow();
      seqs.push(row.seq);
    }
    return seqs;
  });
}

/** Inserts `count` events in one statement (fast), numbered from `from` in payload.n. */
export async function insertManyEvents(database: Database, count: number, from = 0): Promise<void> {
  await sql`insert into events (topic, type, entity_id, payload)
    select 'report', 'report.submitted', (${from}::int + n)::text, jsonb_build_object('n', ${from}::int + n)
    from generate_series(0, ${count - 1}) as n`.execute(database.db);
}

/** The seq of the last event in log order, (tx_id, seq) — not max(seq) — to subscribe after it. */
export async function lastSeq(database: Database): Promise<string> {
  const row = await database.db
    .selectFrom('events')
    .select('seq')
    .orderBy('tx_id', 'desc')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.seq ?? '0';
}
