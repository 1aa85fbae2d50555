// Hexbin maps for the wall and the leaders' maps, and their live updates from the event feed.
import type { EventRecord } from '../events/event.repository.ts';
import type { User } from '../users/user.repository.ts';
import { requireAnalyst } from './analytics-access.ts';
import { periodOf, resolutionOf, scopeOf, type Period, type ScopeInput } from './analytics-input.ts';
import { cellCenter, storedToCell } from './cells.ts';
import type { CellCounts, HexbinRepository } from './hexbin.repository.ts';
import { HexbinUpdateStream } from './hexbin-updates.ts';
import type { LookupRepository } from './lookup.repository.ts';
import { inScope, sqlScopeOf } from './report-scope.ts';

export type HexbinMetric = 'COUNT' | 'OPEN' | 'OVERDUE' | 'MEDIAN_AGE' | 'SHARE_OVERDUE' | 'SATISFACTION';

export interface HexbinFilterInput extends ScopeInput {
  since?: string | null;
  until?: string | null;
}

export interface Hexbin extends Omit<CellCounts, 'cell'> {
  cell: string;
  center: { lat: number; lng: number };
  value: number | null;
  shareOverdue: number | null;
  satisfaction: number | null;
}

export interface HexbinMap {
  resolution: number;
  metric: HexbinMetric;
  period: Period;
  asOf: Date;
  total: number;
  cells: Hexbin[];
}

export interface HexbinUpdate {
  seq: string;
  asOf: Date;
  resolution: number;
  cells: Hexbin[];
}

/** Subscribes a user to the live event feed (EventService.subscribe). */
export type EventFeed = (
  user: User | null,
  args: { topics: string[] },
) => Promise<AsyncIterableIterator<EventRecord>>;

const DEFAULT_DAYS = 30;

export class HexbinService {
  constructor(
    private readonly repo: HexbinRepository,
    private readonly lookups: LookupRepository,
    private readonly events: EventFeed,
    private readonly now: () => Date = () => new Date(),
    /** Report events this close together become one update. */
    private readonly coalesceMs = 200,
  ) {}

  async hexbins(
    user: User | null,
    args: { resolution: number; filter?: HexbinFilterInput | null; metric?: HexbinMetric | null },
  ): Promise<HexbinMap> {
    requireAnalyst(user, 'Hexbin maps');
    const resolution = resolutionOf(args.resolution);
    const metric = args.metric ?? 'COUNT';
    const asOf = this.now();
    const period = periodOf('filter', args.filter, asOf, DEFAULT_DAYS);
    const scope = scopeOf(args.filter);
    const sqlScope = await sqlScopeOf(scope, resolution, this.lookups);
    const keep = inScope(scope);
    const cells = (await this.repo.cellCounts(resolution, period, sqlScope, asOf))
      .map((row) => hexbinOf(row, metric))
      .filter((h) => keep(h.cell))
      .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.cell.localeCompare(b.cell));
    const total = cells.reduce((sum, c) => sum + c.count, 0);
    return { resolution, metric, period, asOf, total, cells };
  }

  /**
   * Live updates: each batch of report events is mapped to the cells of those reports, which are
   * counted again with the subscription's arguments (period recomputed at each update).
   */
  async hexbinUpdates(
    user: User | null,
    args: { resolution: number; filter?: HexbinFilterInput | null; metric?: HexbinMetric | null },
  ): Promise<AsyncIterableIterator<HexbinUpdate>> {
    requireAnalyst(user, 'Hexbin maps');
    const resolution = resolutionOf(args.resolution);
    periodOf('filter', args.filter, this.now(), DEFAULT_DAYS);
    const scope = scopeOf(args.filter);
    // The cell list replaces the bbox prefilter: only the touched cells are counted.
    const base = { ...(await sqlScopeOf(scope, resolution, this.lookups)), cells: null };
    const keep = inScope(scope);
    const feed = await this.events(user, { topics: ['report'] });
    return new HexbinUpdateStream(feed, this.coalesceMs, async (events) => {
      const ids = [
        ...new Set(events.map((e) => e.entityId).filter((id): id is string => !!id && /^\d+$/.test(id))),
      ];
      const touched = (await this.repo.cellsOfReports(resolution, ids)).filter((c) => keep(storedToCell(c)));
      if (touched.length === 0) return null;
      const asOf = this.now();
      const period = periodOf('filter', args.filter, asOf, DEFAULT_DAYS);
      const rows = await this.repo.cellCounts(
        resolution,
        period,
        { ...base, cells: { resolution, cells: touched } },
        asOf,
      );
      const found = new Map(rows.map((r) => [r.cell, r]));
      const cells = touched.map((cell) =>
        hexbinOf(found.get(cell) ?? emptyCell(cell), args.metric ?? 'COUNT'),
      );
      return { seq: events[events.length - 1]!.seq, asOf, resolution, cells };
    });
  }
}

function hexbinOf(row: CellCounts, metric: HexbinMetric): Hexbin {
  const cell = storedToCell(row.cell);
  const shareOverdue = row.open > 0 ? row.overdue / row.open : null;
  const satisfaction = row.rated > 0 ? row.satisfied / row.rated : null;
  const h = { ...row, cell, center: cellCenter(cell), shareOverdue, satisfaction, value: null };
  return { ...h, value: valueOf(h, metric) };
}

function valueOf(h: Omit<Hexbin, 'value'>, metric: HexbinMetric): number | null {
  switch (metric) {
    case 'COUNT':
      return h.count;
    case 'OPEN':
      return h.open;
    case 'OVERDUE':
      return h.overdue;
    case 'MEDIAN_AGE':
      return h.medianAgeHours;
    case 'SHARE_OVERDUE':
      return h.shareOverdue;
    case 'SATISFACTION':
      return h.satisfaction;
  }
}

function emptyCell(cell: string): CellCounts {
  return {
    cell,
    count: 0,
    open: 0,
    overdue: 0,
    rated: 0,
    satisfied: 0,
    acceptable: 0,
    unsatisfied: 0,
    medianAgeHours: null,
  };
}
