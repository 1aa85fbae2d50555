// SQL for the per-period series of one unit (unitTrend) and the per-admin-unit figures of a
// choropleth (adminUnitStats), over the reports received in a period.
import { sql, type Kysely } from 'kysely';
import type { DB } from '@ioc/sql';
import type { Period } from './analytics-input.ts';
import { analyticsQuery, OPEN_STATUSES, ts } from './analytics-sql.ts';

/** Calendar buckets are Hà Nội's (UTC+7 all year). */
const ZONE = 'Asia/Ho_Chi_Minh';

export interface TrendRow {
  start: Date;
  received: number;
  resolved: number;
  resolvedOnTime: number;
  resolveDue: number;
  medianResolveHours: number | null;
  satisfied: number;
  rated: number;
}

export interface AdminUnitRow {
  adminUnitId: number;
  areaKm2: number;
  received: number;
  open: number;
  overdueNow: number;
  resolved: number;
  resolvedOnTime: number;
  resolveDue: number;
  satisfied: number;
  acceptable: number;
  unsatisfied: number;
}

export class AreaStatsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** One row per calendar bucket overlapping the period, empty buckets included. */
  trend(unitId: number, bucket: 'day' | 'week' | 'month', period: Period, asOf: Date): Promise<TrendRow[]> {
    const unit = sql.lit(bucket);
    const step = sql.lit(`1 ${bucket}`);
    return analyticsQuery(this.db, async (tx) => {
      const { rows } = await sql<TrendRow>`
        with series as (
          select generate_series(
            date_trunc(${unit}, ${ts(period.since)} at time zone ${ZONE}),
            (${ts(period.until)} - interval '1 microsecond') at time zone ${ZONE},
            ${step}::interval) as local_start
        ), counts as (
          select date_trunc(${unit}, created_at at time zone ${ZONE}) as local_start,
            count(*)::int as received,
            count(resolved_at)::int as resolved,
            count(*) filter (where resolved_at <= resolve_due_at)::int as "resolvedOnTime",
            count(*) filter (where status not in ('rejected', 'duplicate')
              and (resolved_at is not null or resolve_due_at <= ${ts(asOf)}))::int as "resolveDue",
            percentile_cont(0.5) within group (order by date_part('epoch', resolved_at - created_at))
              / 3600 as "medianResolveHours",
            count(*) filter (where rating = 'satisfied')::int as satisfied,
            count(rating)::int as rated
          from reports
          where unit_id = ${unitId} and created_at >= ${ts(period.since)} and created_at < ${ts(period.until)}
          group by 1
        )
        select series.local_start at time zone ${ZONE} as start,
          coalesce(received, 0) as received, coalesce(resolved, 0) as resolved,
          coalesce("resolvedOnTime", 0) as "resolvedOnTime", coalesce("resolveDue", 0) as "resolveDue",
          "medianResolveHours", coalesce(satisfied, 0) as satisfied, coalesce(rated, 0) as rated
        from series left join counts using (local_start)
        order by series.local_start`.execute(tx);
      return rows;
    });
  }

  /**
   * Every admin unit of `level`: the reports located in it or anywhere inside it (reports.admin_unit_id
   * is the finest unit containing the point) received in the period, and its overdue backlog now.
   */
  adminUnits(level: number, period: Period, asOf: Date): Promise<AdminUnitRow[]> {
    return analyticsQuery(this.db, async (tx) => {
      const { rows } = await sql<AdminUnitRow>`
        with recursive inside as (
          select id, id as top from admin_units where level = ${level}
          union all
          select a.id, inside.top from admin_units a join inside on a.parent_id = inside.id
        ), cohort as (
          select inside.top,
            count(*)::int as received,
            count(*) filter (where status in ${OPEN_STATUSES})::int as open,
            count(resolved_at)::int as resolved,
            count(*) filter (where resolved_at <= resolve_due_at)::int as "resolvedOnTime",
            count(*) filter (where status not in ('rejected', 'duplicate')
              and (resolved_at is not null or resolve_due_at <= ${ts(asOf)}))::int as "resolveDue",
            count(*) filter (where rating = 'satisfied')::int as satisfied,
            count(*) filter (where rating = 'acceptable')::int as acceptable,
            count(*) filter (where rating = 'unsatisfied')::int as unsatisfied
          from reports join inside on inside.id = reports.admin_unit_id
          where created_at >= ${ts(period.since)} and created_at < ${ts(period.until)}
          group by 1
        ), backlog as (
          select inside.top, count(*)::int as overdue
          from reports join inside on inside.id = reports.admin_unit_id
          where status in ${OPEN_STATUSES}
            and (resolve_due_at <= ${ts(asOf)} or (status = 'new' and ack_due_at <= ${ts(asOf)}))
          group by 1
        )
        select a.id as "adminUnitId", a.area_km2 as "areaKm2",
          coalesce(c.received, 0) as received, coalesce(c.open, 0) as open,
          coalesce(b.overdue, 0) as "overdueNow", coalesce(c.resolved, 0) as resolved,
          coalesce(c."resolvedOnTime", 0) as "resolvedOnTime", coalesce(c."resolveDue", 0) as "resolveDue",
          coalesce(c.satisfied, 0) as satisfied, coalesce(c.acceptable, 0) as acceptable,
          coalesce(c.unsatisfied, 0) as unsatisfied
        from admin_units a left join cohort c on c.top = a.id left join backlog b on b.top = a.id
        where a.level = ${level}
        order by a.code`.execute(tx);
      return rows;
    });
  }
}
