// SQL for unit scorecards and the city-wide figures: counts per unit over the reports received in a
// period, the histogram and ordered reads behind exact percentiles, and the overdue backlog.
import { sql, type Kysely } from 'kysely';
import type { DB } from '@ioc/sql';
import type { Period } from './analytics-input.ts';
import { analyticsQuery, OPEN_STATUSES, ts } from './analytics-sql.ts';

/**
 * Seconds from submission to resolution. Must stay identical to the expression of
 * reports_analytics_resolve_idx (sql/migrations/0014_analytics.sql), or the ordered reads scan.
 */
const RESOLVE_SECONDS = sql<number>`date_part('epoch', resolved_at - created_at)`;
/** Histogram bucket of RESOLVE_SECONDS: 20 per e-fold (~5 % wide), 0 for anything under a second. */
const BUCKET = sql<number>`floor(ln(greatest(${RESOLVE_SECONDS}, 1)) * 20)::int`;
export const BUCKETS_PER_E = 20;

/** Counts over the reports received in the period (the cohort). */
export interface CohortCounts {
  received: number;
  acknowledged: number;
  acknowledgedOnTime: number;
  resolved: number;
  resolvedOnTime: number;
  /** Not rejected or merged, and resolved or past the resolve deadline: judged for on-time resolution. */
  resolveDue: number;
  rejected: number;
  satisfied: number;
  acceptable: number;
  unsatisfied: number;
  reopened: number;
}

export interface UnitBucketCounts extends CohortCounts {
  unitId: number;
  /** Resolve-time bucket of these reports; null for the unresolved ones. */
  bucket: number | null;
}

export interface Backlog {
  unitId: number;
  overdueAck: number;
  overdueResolve: number;
}

export interface ResolveTarget {
  unitId: number;
  bucket: number;
  /** 0-based rank within the bucket. */
  offset: number;
}

const COHORT_COUNTS = (asOf: Date) => sql`
  count(*)::int as received,
  count(acknowledged_at)::int as acknowledged,
  count(*) filter (where acknowledged_at <= ack_due_at)::int as "acknowledgedOnTime",
  count(resolved_at)::int as resolved,
  count(*) filter (where resolved_at <= resolve_due_at)::int as "resolvedOnTime",
  count(*) filter (where status not in ('rejected', 'duplicate')
    and (resolved_at is not null or resolve_due_at <= ${ts(asOf)}))::int as "resolveDue",
  count(*) filter (where status = 'rejected')::int as rejected,
  count(*) filter (where rating = 'satisfied')::int as satisfied,
  count(*) filter (where rating = 'acceptable')::int as acceptable,
  count(*) filter (where rating = 'unsatisfied')::int as unsatisfied,
  count(*) filter (where reopen_count > 0)::int as reopened`;

export class ScorecardRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Cohort counts per unit and resolve-time bucket: the counts and the histogram in one pass. */
  unitBuckets(period: Period, adminUnitIds: number[] | null, asOf: Date): Promise<UnitBucketCounts[]> {
    return analyticsQuery(this.db, async (tx) => {
      const { rows } = await sql<UnitBucketCounts>`
        select unit_id as "unitId", case when resolved_at is not null then ${BUCKET} end as bucket,
          ${COHORT_COUNTS(asOf)}
        from reports
        where created_at >= ${ts(period.since)} and created_at < ${ts(period.until)} and unit_id is not null
          ${adminFilter(adminUnitIds)}
        group by 1, 2`.execute(tx);
      return rows;
    });
  }

  /**
   * The resolve time at each target: the offset-th smallest in its unit's bucket. Reads the bucket's
   * range of reports_analytics_resolve_idx in order; the bucket test itself decides membership, so
   * the widened range only has to contain it.
   */
  async resolveSecondsAt(
    targets: ResolveTarget[],
    period: Period,
    adminUnitIds: number[] | null,
  ): Promise<number[]> {
    if (targets.length === 0) return [];
    const { lo, hi } = bucketRanges(targets.map((t) => t.bucket));
    return analyticsQuery(this.db, async (tx) => {
      const { rows } = await sql<{ i: number; seconds: number }>`
        select t.i::int as i, x.seconds
        from unnest(${targets.map((t) => t.unitId)}::int[], ${targets.map((t) => t.bucket)}::int[],
          ${targets.map((t) => t.offset)}::int[], ${lo}::float8[], ${hi}::float8[])
          with ordinality as t(unit_id, bucket, k, lo, hi, i)
        cross join lateral (
          select ${RESOLVE_SECONDS} as seconds from reports
          where unit_id = t.unit_id and resolved_at is not null
            and ${RESOLVE_SECONDS} >= t.lo and ${RESOLVE_SECONDS} < t.hi and ${BUCKET} = t.bucket
            and created_at >= ${ts(period.since)} and created_at < ${ts(period.until)} ${adminFilter(adminUnitIds)}
          order by 1 offset t.k limit 1
        ) x`.execute(tx);
      const values = new Array<number>(targets.length);
      for (const r of rows) values[r.i - 1] = r.seconds;
      return values;
    });
  }

  /** Like resolveSecondsAt for one target over several units' reports together (city-wide figures). */
  async resolveSecondsAcross(
    unitIds: number[],
    target: { bucket: number; offset: number },
    period: Period,
  ): Promise<number> {
    const { lo, hi } = bucketRanges([target.bucket]);
    return analyticsQuery(this.db, async (tx) => {
      const { rows } = await sql<{ seconds: number }>`
        select ${RESOLVE_SECONDS} as seconds from reports
        where unit_id = any(${unitIds}::int[]) and resolved_at is not null
          and ${RESOLVE_SECONDS} >= ${lo[0]} and ${RESOLVE_SECONDS} < ${hi[0]} and ${BUCKET} = ${target.bucket}
          and created_at >= ${ts(period.since)} and created_at < ${ts(period.until)}
        order by 1 offset ${target.offset} limit 1`.execute(tx);
      return rows[0]!.seconds;
    });
  }

  /** Open reports past a deadline now, per unit, whenever they were received. */
  async backlog(asOf: Date, adminUnitIds: number[] | null): Promise<Backlog[]> {
    const { rows } = await sql<Backlog>`
      select unit_id as "unitId",
        count(*) filter (where status = 'new' and ack_due_at <= ${ts(asOf)})::int as "overdueAck",
        count(*) filter (where resolve_due_at <= ${ts(asOf)})::int as "overdueResolve"
      from reports
      where status in ${OPEN_STATUSES} and unit_id is not null ${adminFilter(adminUnitIds)}
      group by 1`.execute(this.db);
    return rows;
  }

  /** The units a scorecard lists: every active unit, or those of the area and those with reports there. */
  async units(
    adminUnitIds: number[] | null,
    withReports: number[],
  ): Promise<Array<{ id: number; agencyType: string }>> {
    let q = this.db.selectFrom('units').select(['id', 'agency_type as agencyType']);
    q = adminUnitIds
      ? q.where((eb) =>
          eb.or([
            eb('admin_unit_id', 'in', adminUnitIds),
            eb('id', 'in', withReports.length ? withReports : [0]),
          ]),
        )
      : q.where((eb) =>
          eb.or([eb('active', '=', true), eb('id', 'in', withReports.length ? withReports : [0])]),
        );
    return q.orderBy('code').execute();
  }

  /** The admin unit and everything inside it. */
  async adminSubtree(adminUnitId: number): Promise<number[]> {
    const { rows } = await sql<{ id: number }>`
      with recursive tree as (
        select id from admin_units where id = ${adminUnitId}
        union all
        select a.id from admin_units a join tree on a.parent_id = tree.id
      ) select id from tree`.execute(this.db);
    return rows.map((r) => r.id);
  }
}

function adminFilter(adminUnitIds: number[] | null) {
  return adminUnitIds === null ? sql`` : sql`and admin_unit_id = any(${adminUnitIds}::int[])`;
}

/** Seconds covered by each bucket, widened by half a bucket each side against rounding. */
function bucketRanges(buckets: number[]): { lo: number[]; hi: number[] } {
  return {
    lo: buckets.map((b) => (b === 0 ? -1 : Math.exp((b - 0.5) / BUCKETS_PER_E))),
    hi: buckets.map((b) => Math.exp((b + 1.5) / BUCKETS_PER_E)),
  };
}
