// SQL for reading reports: pages with filters and cursors, and the batch look-ups behind the loaders.
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB, ReportAction, ReportRating, ReportSource, ReportStatus, UserRole } from '@ioc/sql';
import { CATEGORY_COLUMNS } from '../categories/category.repository.ts';

export type RejectReasonCode = 'not_responsible' | 'not_a_real_issue';
const REJECT_CODES = sql.raw(`('not_responsible', 'not_a_real_issue')`);

export interface Report {
  id: string;
  categoryId: number;
  categorySuggested: boolean;
  categoryConfidence: number | null;
  description: string;
  address: string | null;
  location: { lat: number; lng: number };
  adminUnitId: number | null;
  unitId: number | null;
  status: ReportStatus;
  source: ReportSource;
  createdAt: Date;
  updatedAt: Date;
  ackDueAt: Date;
  resolveDueAt: Date;
  acknowledgedAt: Date | null;
  startedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  ackOverdue: boolean;
  resolveOverdue: boolean;
  rating: ReportRating | null;
  ratingComment: string | null;
  ratedAt: Date | null;
  reopenCount: number;
  duplicateOf: string | null;
  /** Only the codes the API knows; older free-text reasons (imported data) read as null. */
  rejectReason: RejectReasonCode | null;
  /** The reporter's account (citizen), for ownership checks; never shown unless the viewer may see it. */
  reporterUserId: number | null;
  /** created_at as PostgreSQL prints it (microseconds), for exact cursors. */
  cursorTime: string;
}

export interface ReportHistoryRow {
  id: string;
  reportId: string;
  action: ReportAction;
  at: Date;
  actorUserId: number | null;
  actorRole: UserRole | null;
  actorName: string | null;
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus | null;
  unitId: number | null;
  note: string | null;
  /** From the step's data: the rejection's reason code, the rating given. */
  rejectReason: RejectReasonCode | null;
  rating: ReportRating | null;
}

/** A history row as the GraphQL layer gets it: with the report's reporter, for note visibility. */
export type HistoryEntry = ReportHistoryRow & { reporterUserId: number | null };

export interface ReporterRow {
  reportId: string;
  userId: number | null;
  name: string | null;
  phone: string | null;
  email: string | null;
}

export interface CandidateRow {
  reportId: string;
  candidateId: string;
  distanceM: number;
}

export interface ReportQuery {
  bbox?: readonly [number, number, number, number];
  statuses?: readonly ReportStatus[];
  categoryId?: number;
  unitId?: number;
  since?: Date;
  until?: Date;
  /** Trimmed, non-empty. */
  text?: string;
  reporterUserId?: number;
}

export interface PageRequest {
  limit: number;
  after?: { time: string; id: string };
}

export class ReportRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** One page in (created_at desc, id desc) order, one row more than asked so the caller knows if more follow. */
  page(query: ReportQuery, page: PageRequest): Promise<Report[]> {
    let q = this.select().where((eb) => eb.and(this.conditions(query)));
    if (page.after) {
      q = q.where(
        sql<SqlBool>`(r.created_at, r.id) < (${page.after.time}::timestamptz, ${page.after.id}::bigint)`,
      );
    }
    return q
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(page.limit + 1)
      .execute();
  }

  async count(query: ReportQuery): Promise<number> {
    const row = await this.db
      .selectFrom('reports as r')
      .select(sql<string>`count(*)::text`.as('n'))
      .where((eb) => eb.and(this.conditions(query)))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  byIds(ids: readonly string[]): Promise<Report[]> {
    return this.select()
      .where('r.id', 'in', [...ids])
      .execute();
  }

  history(reportIds: readonly string[]): Promise<ReportHistoryRow[]> {
    return this.db
      .selectFrom('report_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .select([
        'e.id',
        'e.report_id as reportId',
        'e.action',
        'e.created_at as at',
        'e.actor_user_id as actorUserId',
        // 'system' (the SLA clock) and anything else that is not a user role reads as null.
        sql<UserRole | null>`case when e.actor_role in ('citizen', 'officer', 'operator', 'leader', 'admin') then e.actor_role end`.as(
          'actorRole',
        ),
        'u.display_name as actorName',
        'e.from_status as fromStatus',
        'e.to_status as toStatus',
        'e.unit_id as unitId',
        'e.note',
        sql<RejectReasonCode | null>`case when e.action = 'rejected' and e.data->>'reason' in ${REJECT_CODES} then e.data->>'reason' end`.as(
          'rejectReason',
        ),
        sql<ReportRating | null>`case when e.action = 'rated' then (e.data->>'rating')::report_rating end`.as(
          'rating',
        ),
      ])
      .where('e.report_id', 'in', [...reportIds])
      .orderBy('e.report_id')
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute();
  }

  reporters(reportIds: readonly string[]): Promise<ReporterRow[]> {
    return this.db
      .selectFrom('report_reporters')
      .select(['report_id as reportId', 'user_id as userId', 'name', 'phone', 'email'])
      .where('report_id', 'in', [...reportIds])
      .execute();
  }

  /** Candidates still open (not dismissed, not merged), nearest first. */
  duplicateCandidates(reportIds: readonly string[]): Promise<CandidateRow[]> {
    return this.db
      .selectFrom('report_duplicate_candidates')
      .select(['report_id as reportId', 'candidate_id as candidateId', 'distance_m as distanceM'])
      .where('report_id', 'in', [...reportIds])
      .where('dismissed_at', 'is', null)
      .orderBy('report_id')
      .orderBy('distance_m')
      .execute();
  }

  categoryIdByCode(code: string): Promise<{ id: number } | undefined> {
    return this.db.selectFrom('categories').select('id').where('code', '=', code).executeTakeFirst();
  }

  categoriesByIds(ids: readonly number[]) {
    return this.db
      .selectFrom('categories')
      .select(CATEGORY_COLUMNS)
      .where('id', 'in', [...ids])
      .execute();
  }

  private conditions(query: ReportQuery): Expression<SqlBool>[] {
    const c: Expression<SqlBool>[] = [sql<SqlBool>`true`];
    if (query.bbox) {
      const [minLng, minLat, maxLng, maxLat] = query.bbox;
      c.push(sql<SqlBool>`r.geom && ST_MakeEnvelope(${minLng}, ${minLat}, ${maxLng}, ${maxLat}, 4326)`);
    }
    if (query.statuses) c.push(sql<SqlBool>`r.status = any(${[...query.statuses]}::report_status[])`);
    if (query.categoryId !== undefined) c.push(sql<SqlBool>`r.category_id = ${query.categoryId}`);
    if (query.unitId !== undefined) c.push(sql<SqlBool>`r.unit_id = ${query.unitId}`);
    if (query.since) c.push(sql<SqlBool>`r.created_at >= ${query.since}`);
    if (query.until) c.push(sql<SqlBool>`r.created_at < ${query.until}`);
    if (query.text) {
      // The expression of reports_search_idx (migration 0011); the pattern is folded the same way.
      const pattern = `%${query.text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      c.push(
        sql<SqlBool>`ioc_fold(r.description || ' ' || coalesce(r.address, '')) like ioc_fold(${pattern})`,
      );
    }
    if (query.reporterUserId !== undefined) {
      c.push(
        sql<SqlBool>`exists (select 1 from report_reporters rr where rr.report_id = r.id and rr.user_id = ${query.reporterUserId})`,
      );
    }
    return c;
  }

  private select() {
    return this.db
      .selectFrom('reports as r')
      .select([
        'r.id',
        'r.category_id as categoryId',
        'r.category_suggested as categorySuggested',
        'r.category_confidence as categoryConfidence',
        'r.description',
        'r.address',
        sql<{ lat: number; lng: number }>`json_build_object('lat', ST_Y(r.geom), 'lng', ST_X(r.geom))`.as(
          'location',
        ),
        'r.admin_unit_id as adminUnitId',
        'r.unit_id as unitId',
        'r.status',
        'r.source',
        'r.created_at as createdAt',
        'r.updated_at as updatedAt',
        'r.ack_due_at as ackDueAt',
        'r.resolve_due_at as resolveDueAt',
        'r.acknowledged_at as acknowledgedAt',
        'r.started_at as startedAt',
        'r.resolved_at as resolvedAt',
        'r.closed_at as closedAt',
        sql<boolean>`coalesce(coalesce(r.acknowledged_at, case when r.status = 'new' then now() end) > r.ack_due_at, false)`.as(
          'ackOverdue',
        ),
        sql<boolean>`coalesce(coalesce(r.resolved_at, case when r.status in ('new', 'acknowledged', 'in_progress') then now() end) > r.resolve_due_at, false)`.as(
          'resolveOverdue',
        ),
        'r.rating',
        'r.rating_comment as ratingComment',
        'r.rated_at as ratedAt',
        'r.reopen_count as reopenCount',
        'r.duplicate_of as duplicateOf',
        sql<RejectReasonCode | null>`case when r.reject_reason in ${REJECT_CODES} then r.reject_reason end`.as(
          'rejectReason',
        ),
        sql<number | null>`(select rr.user_id from report_reporters rr where rr.report_id = r.id)`.as(
          'reporterUserId',
        ),
        sql<string>`r.created_at::text`.as('cursorTime'),
      ]);
  }
}
