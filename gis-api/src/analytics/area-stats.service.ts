// Figures per administrative unit for the leaders' choropleths, and the published city-wide figures.
import type { User } from '../users/user.repository.ts';
import { requireAnalyst } from './analytics-access.ts';
import { intIn, periodOf, type Period } from './analytics-input.ts';
import type { AreaStatsRepository } from './area-stats.repository.ts';
import { interpolate, locateRank, percentileRanks } from './percentiles.ts';
import type { CohortCounts, ScorecardRepository } from './scorecard.repository.ts';
import { satisfactionOf, type SatisfactionSplit } from './scorecard.service.ts';

type PeriodArg = { since?: string | null; until?: string | null } | null | undefined;

export interface AdminUnitStatModel {
  adminUnitId: number;
  received: number;
  receivedPerKm2: number;
  open: number;
  overdueNow: number;
  resolved: number;
  resolvedOnTime: number;
  resolveDue: number;
  onTimeRate: number | null;
  satisfaction: SatisfactionSplit;
}

export interface CityStats {
  period: Period;
  asOf: Date;
  received: number;
  resolved: number;
  resolvedOnTime: number;
  resolveDue: number;
  onTimeRate: number | null;
  medianResolveHours: number | null;
  satisfaction: SatisfactionSplit;
}

export class AreaStatsService {
  constructor(
    private readonly repo: AreaStatsRepository,
    private readonly scorecards: ScorecardRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async adminUnitStats(
    user: User | null,
    args: { level: number; period?: PeriodArg },
  ): Promise<{ level: number; period: Period; asOf: Date; units: AdminUnitStatModel[] }> {
    requireAnalyst(user, 'Administrative unit figures');
    const level = intIn('level', args.level, 1, 5);
    const asOf = this.now();
    const period = periodOf('period', args.period, asOf, 30);
    const rows = await this.repo.adminUnits(level, period, asOf);
    const units = rows.map(({ areaKm2, satisfied, acceptable, unsatisfied, ...r }) => ({
      ...r,
      receivedPerKm2: r.received / areaKm2,
      onTimeRate: r.resolveDue > 0 ? r.resolvedOnTime / r.resolveDue : null,
      satisfaction: satisfactionOf(satisfied, acceptable, unsatisfied),
    }));
    return { level, period, asOf, units };
  }

  /**
   * The published figures: city-wide totals over every report assigned to a unit, with no breakdown
   * by unit or place (README.md, "Who sees what"). Open to everyone.
   */
  async cityStats(_user: User | null, args: { period?: PeriodArg }): Promise<CityStats> {
    const asOf = this.now();
    const period = periodOf('period', args.period, asOf, 30);
    const rows = await this.scorecards.unitBuckets(period, null, asOf);
    const total: Record<string, number> = {};
    const histogram = new Map<number, number>();
    const units = new Set<number>();
    for (const { unitId, bucket, ...row } of rows) {
      units.add(unitId);
      for (const [k, v] of Object.entries(row)) total[k] = (total[k] ?? 0) + v;
      if (bucket !== null) histogram.set(bucket, (histogram.get(bucket) ?? 0) + row.resolved);
    }
    const c = total as unknown as CohortCounts;
    const n = c.resolved ?? 0;
    let median: number | null = null;
    if (n > 0) {
      const ranks = percentileRanks(0.5, n);
      const at = (rank: number) =>
        this.scorecards.resolveSecondsAcross([...units], locateRank(histogram, rank), period);
      const [lo, hi] = await Promise.all([
        at(ranks.lower),
        ranks.upper === ranks.lower ? null : at(ranks.upper),
      ]);
      median = interpolate(lo, hi ?? lo, ranks) / 3600;
    }
    return {
      period,
      asOf,
      received: c.received ?? 0,
      resolved: n,
      resolvedOnTime: c.resolvedOnTime ?? 0,
      resolveDue: c.resolveDue ?? 0,
      onTimeRate: c.resolveDue > 0 ? c.resolvedOnTime / c.resolveDue : null,
      medianResolveHours: median,
      satisfaction: satisfactionOf(c.satisfied ?? 0, c.acceptable ?? 0, c.unsatisfied ?? 0),
    };
  }
}
