// SQL for the SLA clock: mark reports past a deadline as overdue (each exactly once) and record it.
import { sql, type Kysely } from 'kysely';
import type { DB, ReportStatus } from '@ioc/sql';

/** Which deadline was missed: acknowledging a new report, or resolving an open one. */
export type OverdueKind = 'ack' | 'resolve';

export interface OverdueReport {
  id: string;
  status: ReportStatus;
  unitId: number | null;
  adminUnitId: number | null;
  /** The deadline that passed. */
  dueAt: Date;
  lng: number;
  lat: number;
  /** The reporter's account, if they had one (report_reporters.user_id). */
  ownerUserId: number | null;
}

// Literal columns and statuses, not parameters: the planner must see the partial indexes'
// predicates (reports_open_ack_due_idx, reports_open_resolve_due_idx) in the query to use them.
const DEADLINES = {
  ack: {
    due: sql.ref('ack_due_at'),
    marked: sql.ref('ack_overdue_at'),
    open: sql.raw(`status = 'new'`),
  },
  resolve: {
    due: sql.ref('resolve_due_at'),
    marked: sql.ref('resolve_overdue_at'),
    open: sql.raw(`status IN ('new', 'acknowledged', 'in_progress')`),
  },
} as const;

export class SlaRepository {
  /** `db` should be a transaction: the mark, its history row and its event commit together. */
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Marks up to `limit` open reports whose `kind` deadline has passed and that are not marked yet,
   * oldest deadline first, and returns them. Safe beside other instances doing the same.
   */
  async markOverdue(kind: OverdueKind, limit: number): Promise<OverdueReport[]> {
    const d = DEADLINES[kind];
    const result = await sql<OverdueReport>`
      -- due: the oldest missed deadlines. FOR UPDATE locks them until commit; SKIP LOCKED passes over
      -- rows another instance has locked (it is marking them), and a row it marked and committed in
      -- the meantime fails the re-checked "IS NULL" and drops out: every report is marked once.
      WITH due AS (
        SELECT id FROM reports
        WHERE ${d.open} AND ${d.due} <= now() AND ${d.marked} IS NULL
        ORDER BY ${d.due}, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ),
      -- marked: set once, so later ticks (here or elsewhere) never emit it again.
      marked AS (
        UPDATE reports r SET ${d.marked} = now()
        FROM due WHERE r.id = due.id
        RETURNING r.id, r.status, r.unit_id, r.admin_unit_id, r.${d.due} AS due_at,
                  ST_X(r.geom) AS lng, ST_Y(r.geom) AS lat
      )
      -- the reporter's account, for their own event feed (reporter contact data stays out).
      SELECT m.id, m.status, m.unit_id AS "unitId", m.admin_unit_id AS "adminUnitId",
             m.due_at AS "dueAt", m.lng, m.lat, rr.user_id AS "ownerUserId"
      FROM marked m LEFT JOIN report_reporters rr ON rr.report_id = m.id
      ORDER BY m.due_at, m.id`.execute(this.db);
    return result.rows.map((r) => ({ ...r, dueAt: new Date(r.dueAt) }));
  }

  /** One history row per report: the system noticed the missed deadline. */
  async recordOverdue(kind: OverdueKind, reports: readonly OverdueReport[]): Promise<void> {
    if (reports.length === 0) return;
    await this.db
      .insertInto('report_events')
      .values(
        reports.map((r) => ({
          report_id: r.id,
          action: kind === 'ack' ? ('ack_overdue' as const) : ('resolve_overdue' as const),
          actor_role: 'system',
          unit_id: r.unitId,
          data: JSON.stringify({ dueAt: r.dueAt.toISOString() }),
        })),
      )
      .execute();
  }
}
