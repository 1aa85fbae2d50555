// Hotspots (a recent window against its baseline) and emerging hotspots (a rise over consecutive
// windows): checks the arguments, gathers counts per cell, and runs the tests of hotspot-detection.ts.
import { badInput } from '../errors.ts';
import type { User } from '../users/user.repository.ts';
import { requireAnalyst } from './analytics-access.ts';
import {
  instant,
  intIn,
  MAX_PERIOD_DAYS,
  periodOf,
  resolutionOf,
  scopeOf,
  type Period,
  type ScopeInput,
} from './analytics-input.ts';
import { storedToCell } from './cells.ts';
import type { HexbinRepository } from './hexbin.repository.ts';
import { detectEmerging, detectHotspots } from './hotspot-detection.ts';
import type { LookupRepository } from './lookup.repository.ts';
import { inScope, sqlScopeOf } from './report-scope.ts';

const DAY_MS = 86_400_000;

type PeriodArg = { since?: string | null; until?: string | null } | null | undefined;

interface Common {
  resolution: number;
  filter?: ScopeInput | null;
  rings?: number | null;
  alpha?: number | null;
}

export class HotspotService {
  constructor(
    private readonly repo: HexbinRepository,
    private readonly lookups: LookupRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async hotspots(user: User | null, args: Common & { window?: PeriodArg; baseline?: PeriodArg }) {
    requireAnalyst(user, 'Hotspots');
    const { resolution, rings, alpha } = commonOf(args);
    const asOf = this.now();
    const window = periodOf('window', args.window, asOf, 7);
    const baseline = args.baseline
      ? periodOf('baseline', args.baseline, window.since, 28)
      : { since: new Date(window.since.getTime() - 28 * DAY_MS), until: window.since };
    if (baseline.until.getTime() > window.since.getTime()) {
      throw badInput(
        `baseline must end by the time the window starts (baseline.until ${baseline.until.toISOString()} is after window.since ${window.since.toISOString()})`,
      );
    }
    const scope = scopeOf(args.filter);
    const inArea = inScope(scope);
    const sqlScope = await sqlScopeOf(scope, resolution, this.lookups);
    const w = new Map<string, number>();
    const b = new Map<string, number>();
    for (const row of await this.repo.windowCounts(resolution, window, baseline, sqlScope)) {
      const cell = storedToCell(row.cell);
      if (!inArea(cell)) continue;
      if (row.window) w.set(cell, row.window);
      if (row.baseline) b.set(cell, row.baseline);
    }
    return {
      resolution,
      rings,
      window,
      baseline,
      alpha,
      windowReports: total(w),
      baselineReports: total(b),
      ...detectHotspots(w, b, rings, alpha, inArea),
    };
  }

  async emergingHotspots(
    user: User | null,
    args: Common & { windows?: number | null; windowDays?: number | null; until?: string | null },
  ) {
    requireAnalyst(user, 'Hotspots');
    const { resolution, rings, alpha } = commonOf(args);
    const count = intIn('windows', args.windows ?? 4, 3, 12);
    const days = intIn('windowDays', args.windowDays ?? 7, 1, 90);
    if (count * days > MAX_PERIOD_DAYS) {
      throw badInput(`windows × windowDays is ${count * days} days; at most ${MAX_PERIOD_DAYS} are allowed`);
    }
    const until = args.until == null ? this.now() : instant('until', args.until);
    const start = new Date(until.getTime() - count * days * DAY_MS);
    const windows: Period[] = Array.from({ length: count }, (_, i) => ({
      since: new Date(start.getTime() + i * days * DAY_MS),
      until: new Date(start.getTime() + (i + 1) * days * DAY_MS),
    }));
    const scope = scopeOf(args.filter);
    const inArea = inScope(scope);
    const sqlScope = await sqlScopeOf(scope, resolution, this.lookups);
    const series = new Map<string, number[]>();
    for (const { cell: stored, t, n } of await this.repo.seriesCounts(
      resolution,
      start,
      days * DAY_MS,
      count,
      sqlScope,
    )) {
      const cell = storedToCell(stored);
      if (!inArea(cell)) continue;
      const s = series.get(cell) ?? new Array<number>(count).fill(0);
      s[t] = n;
      series.set(cell, s);
    }
    return { resolution, rings, windows, alpha, ...detectEmerging(series, count, rings, alpha, inArea) };
  }
}

function commonOf(args: Common): { resolution: number; rings: number; alpha: number } {
  const alpha = args.alpha ?? 0.05;
  if (!(alpha > 0 && alpha <= 0.5)) throw badInput(`alpha must be above 0 and at most 0.5 (got ${alpha})`);
  return { resolution: resolutionOf(args.resolution), rings: intIn('rings', args.rings ?? 1, 0, 3), alpha };
}

function total(counts: Map<string, number>): number {
  let s = 0;
  for (const v of counts.values()) s += v;
  return s;
}
