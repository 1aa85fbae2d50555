// Unit scorecards: who received what in a period and how they handled it, with exact percentiles of
// the time to resolve and a rank among units of the same agency type (README.md has the definitions).
import { notFound } from '../errors.ts';
import type { User } from '../users/user.repository.ts';
import { requireAnalyst } from './analytics-access.ts';
import { idOf, periodOf, type Period } from './analytics-input.ts';
import type { LookupRepository } from './lookup.repository.ts';
import { interpolate, locateRank, percentileRanks } from './percentiles.ts';
import type { CohortCounts, ResolveTarget, ScorecardRepository } from './scorecard.repository.ts';

export interface SatisfactionSplit {
  satisfied: number;
  acceptable: number;
  unsatisfied: number;
  rated: number;
  satisfiedShare: number | null;
}

export interface UnitScorecardModel extends Omit<CohortCounts, 'satisfied' | 'acceptable' | 'unsatisfied'> {
  unitId: number;
  onTimeRate: number | null;
  overdueAckNow: number;
  overdueResolveNow: number;
  medianResolveHours: number | null;
  p90ResolveHours: number | null;
  satisfaction: SatisfactionSplit;
  rank: number | null;
  peers: number;
}

export interface UnitScorecardsModel {
  period: Period;
  asOf: Date;
  adminUnitId: number | null;
  units: UnitScorecardModel[];
}

const EMPTY: CohortCounts = {
  received: 0,
  acknowledged: 0,
  acknowledgedOnTime: 0,
  resolved: 0,
  resolvedOnTime: 0,
  resolveDue: 0,
  rejected: 0,
  satisfied: 0,
  acceptable: 0,
  unsatisfied: 0,
  reopened: 0,
};

export class ScorecardService {
  constructor(
    private readonly repo: ScorecardRepository,
    private readonly lookups: LookupRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async unitScorecards(
    user: User | null,
    args: { period?: { since?: string | null; until?: string | null } | null; adminUnitId?: string | null },
  ): Promise<UnitScorecardsModel> {
    requireAnalyst(user, 'Unit scorecards');
    const asOf = this.now();
    const period = periodOf('period', args.period, asOf, 30);
    const adminUnitId = args.adminUnitId == null ? null : idOf('adminUnitId', args.adminUnitId);
    const area = adminUnitId === null ? null : await this.subtree(adminUnitId);

    const [rows, backlog] = await Promise.all([
      this.repo.unitBuckets(period, area, asOf),
      this.repo.backlog(asOf, area),
    ]);
    const counts = new Map<number, CohortCounts>();
    const histograms = new Map<number, Map<number, number>>();
    for (const { unitId, bucket, ...row } of rows) {
      counts.set(unitId, add(counts.get(unitId) ?? EMPTY, row));
      if (bucket !== null) {
        const h = histograms.get(unitId) ?? new Map<number, number>();
        h.set(bucket, row.resolved);
        histograms.set(unitId, h);
      }
    }
    const percentiles = await this.resolvePercentiles(histograms, counts, period, area);
    const overdue = new Map(backlog.map((b) => [b.unitId, b]));
    const units = await this.repo.units(area, [...new Set([...counts.keys(), ...overdue.keys()])]);

    const cards = units.map(({ id }): UnitScorecardModel => {
      const c = counts.get(id) ?? EMPTY;
      const p = percentiles.get(id);
      const { satisfied, acceptable, unsatisfied, ...rest } = c;
      return {
        unitId: id,
        ...rest,
        onTimeRate: c.resolveDue > 0 ? c.resolvedOnTime / c.resolveDue : null,
        overdueAckNow: overdue.get(id)?.overdueAck ?? 0,
        overdueResolveNow: overdue.get(id)?.overdueResolve ?? 0,
        medianResolveHours: p ? p[0] / 3600 : null,
        p90ResolveHours: p ? p[1] / 3600 : null,
        satisfaction: satisfactionOf(satisfied, acceptable, unsatisfied),
        rank: null,
        peers: 0,
      };
    });
    rankAmongPeers(cards, new Map(units.map((u) => [u.id, u.agencyType])));
    return { period, asOf, adminUnitId, units: cards };
  }

  private async subtree(adminUnitId: number): Promise<number[]> {
    if (!(await this.lookups.adminUnitExists(adminUnitId))) {
      throw notFound(`No administrative unit has id ${adminUnitId}`);
    }
    return this.repo.adminSubtree(adminUnitId);
  }

  /** Median and p90 resolve seconds per unit, exactly as percentile_cont computes them. */
  private async resolvePercentiles(
    histograms: Map<number, Map<number, number>>,
    counts: Map<number, CohortCounts>,
    period: Period,
    area: number[] | null,
  ): Promise<Map<number, [number, number]>> {
    const targets: ResolveTarget[] = [];
    const index = new Map<string, number>();
    const need = (unitId: number, rank: number) => {
      const at = locateRank(histograms.get(unitId)!, rank);
      const key = `${unitId}:${rank}`;
      if (!index.has(key)) {
        index.set(key, targets.length);
        targets.push({ unitId, ...at });
      }
      return key;
    };
    const plans = [...histograms.keys()].map((unitId) => {
      const n = counts.get(unitId)!.resolved;
      return {
        unitId,
        ranks: [0.5, 0.9].map((p) => {
          const r = percentileRanks(p, n);
          return { r, keys: [need(unitId, r.lower), need(unitId, r.upper)] as const };
        }),
      };
    });
    const values = await this.repo.resolveSecondsAt(targets, period, area);
    const at = (key: string) => values[index.get(key)!]!;
    return new Map(
      plans.map(({ unitId, ranks }) => [
        unitId,
        ranks.map(({ r, keys }) => interpolate(at(keys[0]), at(keys[1]), r)) as [number, number],
      ]),
    );
  }
}

function add(a: CohortCounts, b: CohortCounts): CohortCounts {
  const out = { ...a };
  for (const k of Object.keys(EMPTY) as Array<keyof CohortCounts>) out[k] = a[k] + b[k];
  return out;
}

export function satisfactionOf(
  satisfied: number,
  acceptable: number,
  unsatisfied: number,
): SatisfactionSplit {
  const rated = satisfied + acceptable + unsatisfied;
  return { satisfied, acceptable, unsatisfied, rated, satisfiedShare: rated > 0 ? satisfied / rated : null };
}

/**
 * Ranks units within their agency type by onTimeRate (higher first), ties sharing a rank ("1, 2, 2,
 * 4"); units with nothing due are not ranked.
 */
function rankAmongPeers(cards: UnitScorecardModel[], agencyOf: Map<number, string>): void {
  const groups = new Map<string, UnitScorecardModel[]>();
  for (const card of cards) {
    if (card.onTimeRate === null) continue;
    const type = agencyOf.get(card.unitId)!;
    groups.set(type, [...(groups.get(type) ?? []), card]);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => b.onTimeRate! - a.onTimeRate!);
    group.forEach((card, i) => {
      const previous = group[i - 1];
      card.rank = previous && previous.onTimeRate === card.onTimeRate ? previous.rank : i + 1;
      card.peers = group.length;
    });
  }
  for (const card of cards)
    if (card.rank === null) card.peers = groups.get(agencyOf.get(card.unitId)!)?.length ?? 0;
}
