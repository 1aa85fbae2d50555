// Reports as the API offers them: filtered, cursor-paged reads and the batch look-ups behind the loaders,
// plus the entry points of submission and the workflow steps (their rules live in their own services).
import { badInput } from '../errors.ts';
import { parseBBox } from '../facilities/bbox.ts';
import type { User } from '../users/user.repository.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import type { ReportNeighbours } from './report-ports.ts';
import { ReportStepService, type StepInput } from './report-step.service.ts';
import { ReportSubmitService, type Submission } from './report-submit.service.ts';
import type { ReportWriteRepository } from './report-write.repository.ts';
import { decodeCursor, encodeCursor, pageSize, reportId, unitId } from './report-input.ts';
import type { Report, ReportQuery, ReportRepository } from './report.repository.ts';
import type { ReportStatus } from '@ioc/sql';

export interface ReportFilterInput {
  bbox?: readonly number[] | null;
  status?: readonly ReportStatus[] | null;
  categoryCode?: string | null;
  unitId?: string | number | null;
  since?: Date | string | null;
  until?: Date | string | null;
  text?: string | null;
  mine?: boolean | null;
}

export interface ReportPage {
  edges: Array<{ cursor: string; node: Report }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when asked for. */
  totalCount: () => Promise<number>;
}

export class ReportService {
  readonly #submissions: ReportSubmitService;
  readonly #steps: ReportStepService;

  constructor(
    readonly reports: ReportRepository,
    writes: ReportWriteRepository,
    readonly neighbours: ReportNeighbours,
    submitLimiter: RateLimiter,
  ) {
    this.#submissions = new ReportSubmitService(writes, neighbours, submitLimiter);
    this.#steps = new ReportStepService(writes, neighbours);
  }

  /** Submits a report; returns its id (an earlier one's for a retried idempotency key). */
  submit(user: User | null, clientIp: string | null, input: Submission): Promise<string> {
    return this.#submissions.submit(user, clientIp, input);
  }

  /** Takes a workflow step; returns the report's id. */
  takeStep(user: User | null, id: string | number, input: StepInput): Promise<string> {
    return this.#steps.take(user, id, input);
  }

  async list(
    viewer: User | null,
    filter: ReportFilterInput | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<ReportPage> {
    const limit = pageSize(first);
    const cursor = after == null ? undefined : decodeCursor(after);
    const query = await this.query(viewer, filter ?? {});
    const rows = await this.reports.page(query, { limit, ...(cursor ? { after: cursor } : {}) });
    const nodes = rows.slice(0, limit);
    const edges = nodes.map((node) => ({ cursor: encodeCursor(node.cursorTime, node.id), node }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: () => this.reports.count(query),
    };
  }

  /** Ids as clients send them; a malformed one is BAD_USER_INPUT rather than "not found". */
  parseId(id: string | number): string {
    return reportId(id);
  }

  byIds(ids: readonly string[]): Promise<Report[]> {
    return this.reports.byIds(ids);
  }

  private async query(viewer: User | null, f: ReportFilterInput): Promise<ReportQuery> {
    const q: ReportQuery = {};
    if (f.bbox) q.bbox = parseBBox(f.bbox);
    if (f.status) {
      if (f.status.length === 0) throw badInput('status must not be empty (omit it for every status)');
      q.statuses = [...new Set(f.status)];
    }
    if (f.categoryCode != null) {
      const code = f.categoryCode.trim();
      const category = /^[a-z0-9_-]{2,40}$/.test(code)
        ? await this.reports.categoryIdByCode(code)
        : undefined;
      if (!category) throw badInput(`Unknown category "${code.slice(0, 60)}"`);
      q.categoryId = category.id;
    }
    if (f.unitId != null) q.unitId = unitId(f.unitId);
    if (f.since) q.since = new Date(f.since);
    if (f.until) q.until = new Date(f.until);
    if (q.since && q.until && q.since >= q.until) throw badInput('since must be before until');
    const text = f.text?.trim();
    if (text) {
      if (text.length > 200) throw badInput(`text must be at most 200 characters (got ${text.length})`);
      q.text = text;
    }
    if (f.mine) {
      if (!viewer) throw badInput('mine: sign in to see your own reports');
      q.reporterUserId = viewer.id;
    }
    return q;
  }
}
