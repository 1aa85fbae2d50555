// SQL that changes reports, always inside the caller's transaction: routing, the insert with its
// reporter, history and duplicate candidates, and the locked read-then-update of each workflow step.
import { sql, type Kysely } from 'kysely';
import type { DB, ReportAction, ReportCells, ReportRating, ReportSource, ReportStatus } from '@ioc/sql';

/** What the event payload and the workflow need of a report, read under FOR UPDATE. */
export interface LockedReport {
  id: string;
  status: ReportStatus;
  categoryId: number;
  categoryCode: string;
  unitId: number | null;
  adminUnitId: number | null;
  reporterUserId: number | null;
  lng: number;
  lat: number;
  createdAt: Date;
  ackDueAt: Date;
  resolveDueAt: Date;
  closedAt: Date | null;
  rating: ReportRating | null;
  duplicateOf: string | null;
}

export interface NewReport {
  categoryId: number;
  categorySuggested: boolean;
  categoryConfidence: number | null;
  description: string;
  address: string | null;
  lng: number;
  lat: number;
  adminUnitId: number | null;
  unitId: number;
  source: ReportSource;
  ackMinutes: number;
  resolveMinutes: number;
  idempotencyKey: string | null;
  fingerprint: string | null;
  cells: ReportCells;
}

export interface NewHistory {
  reportId: string;
  action: ReportAction;
  actorUserId: number | null;
  actorRole: string | null;
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus | null;
  unitId: number | null;
  note: string | null;
  data?: Record<string, unknown>;
}

export type ReportChanges = Partial<{
  status: ReportStatus;
  unit_id: number;
  acknowledged_at: 'now';
  started_at: 'now' | null;
  resolved_at: 'now' | null;
  closed_at: 'now' | null;
  rating: ReportRating | null;
  rating_comment: string | null;
  rated_at: 'now' | null;
  duplicate_of: string;
  reject_reason: string;
  reopen_count: 'increment';
}>;

/** Same category, still open, within this many metres and days: a likely duplicate. */
export const DUPLICATE_RADIUS_M = 50;
export const DUPLICATE_WINDOW_DAYS = 7;

export class ReportWriteRepository {
  constructor(readonly db: Kysely<DB>) {}

  transaction<T>(work: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  categoryByCode(code: string) {
    return this.db
      .selectFrom('categories')
      .select(['id', 'code', 'ack_minutes as ackMinutes', 'resolve_minutes as resolveMinutes', 'active'])
      .where('code', '=', code)
      .executeTakeFirst();
  }

  async unitIsActive(id: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('units')
      .select('id')
      .where('id', '=', id)
      .where('active', '=', true)
      .executeTakeFirst();
    return row !== undefined;
  }

  byIdempotencyKey(key: string) {
    return this.db
      .selectFrom('reports')
      .select(['id', 'idempotency_fingerprint as fingerprint'])
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  /** route_report(): the finest admin unit containing the point and the unit answering for the category there. */
  async route(tx: Kysely<DB>, lng: number, lat: number, categoryId: number) {
    const { rows } = await sql<{ adminUnitId: number | null; unitId: number | null }>`
      select admin_unit_id as "adminUnitId", unit_id as "unitId"
      from route_report(ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326), ${categoryId}::int)`.execute(tx);
    return rows[0] ?? { adminUnitId: null, unitId: null };
  }

  /** Inserts the report unless its idempotency key is taken (then undefined: the other insert won). */
  async insert(tx: Kysely<DB>, r: NewReport) {
    return tx
      .insertInto('reports')
      .values({
        category_id: r.categoryId,
        category_suggested: r.categorySuggested,
        category_confidence: r.categoryConfidence,
        description: r.description,
        address: r.address,
        geom: sql<string>`ST_SetSRID(ST_MakePoint(${r.lng}, ${r.lat}), 4326)`,
        admin_unit_id: r.adminUnitId,
        unit_id: r.unitId,
        source: r.source,
        ack_due_at: sql<Date>`now() + make_interval(mins => ${r.ackMinutes}::int)`,
        resolve_due_at: sql<Date>`now() + make_interval(mins => ${r.resolveMinutes}::int)`,
        idempotency_key: r.idempotencyKey,
        idempotency_fingerprint: r.fingerprint,
        ...r.cells,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning([
        'id',
        'status',
        'created_at as createdAt',
        'ack_due_at as ackDueAt',
        'resolve_due_at as resolveDueAt',
      ])
      .executeTakeFirst();
  }

  async insertReporter(
    tx: Kysely<DB>,
    reportId: string,
    r: {
      userId: number | null;
      name: string | null;
      phone: string | null;
      email: string | null;
      clientIp: string | null;
    },
  ): Promise<void> {
    await tx
      .insertInto('report_reporters')
      .values({
        report_id: reportId,
        user_id: r.userId,
        name: r.name,
        phone: r.phone,
        email: r.email,
        client_ip: r.clientIp,
      })
      .execute();
  }

  async insertHistory(tx: Kysely<DB>, h: NewHistory): Promise<string> {
    const row = await tx
      .insertInto('report_events')
      .values({
        report_id: h.reportId,
        action: h.action,
        actor_user_id: h.actorUserId,
        actor_role: h.actorRole,
        from_status: h.fromStatus,
        to_status: h.toStatus,
        unit_id: h.unitId,
        note: h.note,
        data: JSON.stringify(h.data ?? {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Records open reports of the same category near the new one; returns how many. */
  async insertDuplicateCandidates(tx: Kysely<DB>, reportId: string): Promise<number> {
    const result = await sql`
      insert into report_duplicate_candidates (report_id, candidate_id, distance_m)
      select n.id, o.id, ST_Distance(n.geom::geography, o.geom::geography)
      from reports n
      join reports o
        on o.category_id = n.category_id
       and o.id <> n.id
       and o.status in ('new', 'acknowledged', 'in_progress')
       and o.created_at > n.created_at - make_interval(days => ${DUPLICATE_WINDOW_DAYS}::int)
       and ST_DWithin(o.geom::geography, n.geom::geography, ${DUPLICATE_RADIUS_M}::float8)
      where n.id = ${reportId}::bigint`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  }

  /** The report, locked until the transaction ends so concurrent steps apply one after the other. */
  lock(tx: Kysely<DB>, id: string): Promise<LockedReport | undefined> {
    return tx
      .selectFrom('reports as r')
      .innerJoin('categories as c', 'c.id', 'r.category_id')
      .select([
        'r.id',
        'r.status',
        'r.category_id as categoryId',
        'c.code as categoryCode',
        'r.unit_id as unitId',
        'r.admin_unit_id as adminUnitId',
        sql<number | null>`(select rr.user_id from report_reporters rr where rr.report_id = r.id)`.as(
          'reporterUserId',
        ),
        sql<number>`ST_X(r.geom)`.as('lng'),
        sql<number>`ST_Y(r.geom)`.as('lat'),
        'r.created_at as createdAt',
        'r.ack_due_at as ackDueAt',
        'r.resolve_due_at as resolveDueAt',
        'r.closed_at as closedAt',
        'r.rating',
        'r.duplicate_of as duplicateOf',
      ])
      .where('r.id', '=', id)
      .forUpdate('r')
      .executeTakeFirst();
  }

  async update(tx: Kysely<DB>, id: string, changes: ReportChanges): Promise<void> {
    const now = sql<Date>`now()`;
    const at = (v: 'now' | null | undefined) => (v === 'now' ? now : v);
    await tx
      .updateTable('reports')
      .set({
        updated_at: now,
        ...(changes.status !== undefined && { status: changes.status }),
        ...(changes.unit_id !== undefined && { unit_id: changes.unit_id }),
        ...(changes.acknowledged_at !== undefined && { acknowledged_at: now }),
        ...(changes.started_at !== undefined && { started_at: at(changes.started_at) }),
        ...(changes.resolved_at !== undefined && { resolved_at: at(changes.resolved_at) }),
        ...(changes.closed_at !== undefined && { closed_at: at(changes.closed_at) }),
        ...(changes.rating !== undefined && { rating: changes.rating }),
        ...(changes.rating_comment !== undefined && { rating_comment: changes.rating_comment }),
        ...(changes.rated_at !== undefined && { rated_at: at(changes.rated_at) }),
        ...(changes.duplicate_of !== undefined && { duplicate_of: changes.duplicate_of }),
        ...(changes.reject_reason !== undefined && { reject_reason: changes.reject_reason }),
        ...(changes.reopen_count && { reopen_count: sql<number>`reopen_count + 1` }),
      })
      .where('id', '=', id)
      .execute();
  }

  /** A merged report's candidate pairs are settled: neither side is offered as the other's duplicate again. */
  async settleCandidates(tx: Kysely<DB>, reportId: string): Promise<void> {
    await tx
      .updateTable('report_duplicate_candidates')
      .set({ dismissed_at: sql<Date>`now()` })
      .where((eb) => eb.or([eb('report_id', '=', reportId), eb('candidate_id', '=', reportId)]))
      .where('dismissed_at', 'is', null)
      .execute();
  }
}
