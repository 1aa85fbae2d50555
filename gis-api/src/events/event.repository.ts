// SQL for reading the append-only event log in a lossless order.
//
// Sequence numbers are taken before commit, so they do not arrive in order: T1 may take seq 10,
// T2 seq 11, and T2 commit first. Reading only rows whose transaction is older than every running
// one (tx_id < pg_snapshot_xmin(pg_current_snapshot())) fixes that part; but a transaction that got
// its xid early (it wrote something else first) can still take a *higher* seq than a younger one
// and commit first: T_a (xid 100) seq 11 commits while T_b (xid 101, seq 10) runs; xmin is 101, so
// seq 11 is read — and "seq > 11" would then skip seq 10 forever. Ordering the log by (tx_id, seq)
// instead is lossless: once a reader has seen xmin X, every row it has not yet read has tx_id >= X,
// i.e. comes after everything it has read. Clients still resume from a seq: its row gives the tx_id.
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DB } from '@ioc/sql';
import type { EventAudience, Viewer } from './event-audience.ts';
import { LOG_START, type LogPosition } from './log-position.ts';

export interface EventRecord {
  seq: string;
  txId: string;
  topic: string;
  type: string;
  entityId: string | null;
  payload: unknown;
  occurredAt: Date;
  /** Who may see it; decides delivery and is never sent to clients. */
  audience: EventAudience;
  /** [minLng, minLat, maxLng, maxLat] of where it happened, for cache invalidation; null when nowhere. */
  bbox: [number, number, number, number] | null;
}

export interface ReadOptions {
  limit: number;
  topics?: readonly string[] | null;
  /** Only events this viewer may see (default: every event). */
  viewer?: Viewer;
}

export interface EventLog {
  /** Events after `from` in log order, from finished transactions only, at most `limit`, optionally of some topics. */
  readAfter(from: LogPosition, options: ReadOptions): Promise<EventRecord[]>;
  /** The position of the last event that can be read now (LOG_START when there is none). */
  head(): Promise<LogPosition>;
  /** The position of the event with this seq, if it exists. */
  positionOf(seq: string): Promise<LogPosition | undefined>;
}

export class EventRepository implements EventLog {
  constructor(private readonly db: Kysely<DB>) {}

  async readAfter(from: LogPosition, { limit, topics, viewer }: ReadOptions): Promise<EventRecord[]> {
    let q = this.db
      .selectFrom('events')
      .select([
        'seq',
        sql<string>`tx_id::text`.as('txId'),
        'topic',
        'type',
        'entity_id as entityId',
        'payload',
        'occurred_at as occurredAt',
        'visibility',
        'unit_id',
        'owner_user_id',
        sql<number[] | null>`case when geom is null then null
          else array[ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)]::float8[] end`.as('bbox'),
      ])
      .where(sql<boolean>`tx_id < pg_snapshot_xmin(pg_current_snapshot())`)
      .where(sql<boolean>`(tx_id, seq) > (${from.txId}::xid8, ${from.seq}::bigint)`);
    if (topics) q = q.where('topic', 'in', [...topics]);
    if (viewer && !viewer.everything) q = q.where((eb) => visibleTo(eb, viewer));
    const rows = await q.orderBy('tx_id').orderBy('seq').limit(limit).execute();
    return rows.map(({ visibility, unit_id, owner_user_id, bbox, ...event }) => ({
      ...event,
      bbox: bbox && bbox.length === 4 ? (bbox.map(Number) as [number, number, number, number]) : null,
      audience: {
        visibility: visibility === 'staff' ? 'staff' : 'public',
        unitId: unit_id,
        ownerUserId: owner_user_id,
      },
    }));
  }

  async head(): Promise<LogPosition> {
    const row = await this.db
      .selectFrom('events')
      .select([sql<string>`tx_id::text`.as('txId'), 'seq'])
      .where(sql<boolean>`tx_id < pg_snapshot_xmin(pg_current_snapshot())`)
      .orderBy('tx_id', 'desc')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ?? LOG_START;
  }

  async positionOf(seq: string): Promise<LogPosition | undefined> {
    return this.db
      .selectFrom('events')
      .select([sql<string>`tx_id::text`.as('txId'), 'seq'])
      .where('seq', '=', seq)
      .executeTakeFirst();
  }
}

/** canSee() (event-audience.ts) in SQL, so a replay skips what the viewer may not see inside the database. */
function visibleTo(eb: ExpressionBuilder<DB, 'events'>, viewer: Viewer & { everything: false }) {
  const ors = [eb('visibility', '=', 'public')];
  if (viewer.ownerUserId !== null) ors.push(eb('owner_user_id', '=', viewer.ownerUserId));
  if (viewer.unitId !== null) {
    ors.push(eb.and([eb('visibility', '=', 'staff'), eb('unit_id', '=', viewer.unitId)]));
  }
  return eb.or(ors);
}
