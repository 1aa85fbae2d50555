// SQL for hexbins and hotspots: GROUP BY on the stored H3 columns (reports_analytics_idx covers
// every column read, so these are index-only scans), never per-row geometry.
import { sql, type Kysely } from 'kysely';
import type { DB } from '@ioc/sql';
import { analyticsQuery, cellColumn, OPEN_STATUSES, scopeWhere, ts, type SqlScope } from './analytics-sql.ts';
import type { Period } from './analytics-input.ts';

export interface CellCounts {
  /** Stored (signed decimal) cell id. */
  cell: string;
  count: number;
  open: number;
  overdue: number;
  rated: number;
  satisfied: number;
  acceptable: number;
  unsatisfied: number;
  /** Median age of the open reports, hours; null without open reports. */
  medianAgeHours: number | null;
}

export interface WindowCounts {
  cell: string;
  window: number;
  baseline: number;
}

export class HexbinRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Per cell: reports submitted in the period, their state at `asOf`, and the median age of the open ones. */
  async cellCounts(resolution: number, period: Period, scope: SqlScope, asOf: Date): Promise<CellCounts[]> {
    const col = cellColumn(resolution);
    const where = sql`created_at >= ${ts(period.since)} and created_at < ${ts(period.until)} and ${scopeWhere(scope)}`;
    return analyticsQuery(this.db, async (tx) => {
      const { rows } = await sql<CellCounts>`
        with counts as (
          select ${col}::text as cell,
            count(*)::int as count,
            count(*) filter (where status in ${OPEN_STATUSES})::int as open,
            -- Overdue now: open past the resolve deadline, or still new past the acknowledge deadline.
            count(*) filter (where status in ${OPEN_STATUSES}
              and (resolve_due_at <= ${ts(asOf)} or (status = 'new' and ack_due_at <= ${ts(asOf)})))::int as overdue,
            count(rating)::int as rated,
            count(*) filter (where rating = 'satisfied')::int as satisfied,
            count(*) filter (where rating = 'acceptable')::int as acceptable,
            count(*) filter (where rating = 'unsatisfied')::int as unsatisfied
          from reports where ${where}
          group by ${col}
        ), ages as (
          -- Open reports are a few percent of all: their own partial index, then an exact median.
          select ${col}::text as cell,
            percentile_cont(0.5) within group (order by date_part('epoch', ${ts(asOf)} - created_at))
              / 3600 as median_age_hours
          from reports where ${where} and status in ${OPEN_STATUSES}
          group by ${col}
        )
        select counts.*, ages.median_age_hours as "medianAgeHours"
        from counts left join ages using (cell)`.execute(tx);
      return rows;
    });
  }

  /** Per cell: reports submitted in the window and in the baseline. */
  async windowCounts(
    resolution: number,
    window: Period,
    baseline: Period,
    scope: SqlScope,
  ): Promise<WindowCounts[]> {
    const col = cellColumn(resolution);
    const from = new Date(Math.min(window.since.getTime(), baseline.since.getTime()));
    const to = new Date(Math.max(window.until.getTime(), baseline.until.getTime()));
    return analyticsQuery(this.db, async (tx) => {
      const { rows } = await sql<WindowCounts>`
        select ${col}::text as cell,
          count(*) filter (where created_at >= ${ts(window.since)} and created_at < ${ts(window.until)})::int as "window",
          count(*) filter (where created_at >= ${ts(baseline.since)} and created_at < ${ts(baseline.until)})::int as "baseline"
        from reports
        where created_at >= ${ts(from)} and created_at < ${ts(to)} and ${scopeWhere(scope)}
        group by ${col}`.execute(tx);
      return rows;
    });
  }

  /** Per cell and window index (0 = oldest) of `count` consecutive windows of `lengthMs` from `start`. */
  async seriesCounts(
    resolution: number,
    start: Date,
    lengthMs: number,
    count: number,
    scope: SqlScope,
  ): Promise<Array<{ cell: string; t: number; n: number }>> {
    const col = cellColumn(resolution);
    const end = new Date(start.getTime() + lengthMs * count);
    // Window starts as timestamps: width_bucket compares exactly, where dividing seconds could round.
    const starts = Array.from({ length: count }, (_, i) => new Date(start.getTime() + i * lengthMs));
    return analyticsQuery(this.db, async (tx) => {
      const { rows } = await sql<{ cell: string; t: number; n: number }>`
        select ${col}::text as cell,
          width_bucket(created_at, ${starts.map((d) => d.toISOString())}::timestamptz[]) - 1 as t,
          count(*)::int as n
        from reports
        where created_at >= ${ts(start)} and created_at < ${ts(end)} and ${scopeWhere(scope)}
        group by ${col}, 2`.execute(tx);
      return rows;
    });
  }

  /** The stored cells at `resolution` of these reports (for live updates). */
  async cellsOfReports(resolution: number, reportIds: string[]): Promise<string[]> {
    const { rows } = await sql<{ cell: string }>`
      select distinct ${cellColumn(resolution)}::text as cell from reports
      where id = any(${reportIds}::bigint[])`.execute(this.db);
    return rows.map((r) => r.cell);
  }
}
