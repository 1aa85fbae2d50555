// A unit's figures per calendar day, week or month, for the charts beside its scorecard.
import { notFound } from '../errors.ts';
import type { User } from '../users/user.repository.ts';
import { requireTrendViewer } from './analytics-access.ts';
import { idOf, periodOf, type Period } from './analytics-input.ts';
import type { AreaStatsRepository, TrendRow } from './area-stats.repository.ts';
import type { LookupRepository } from './lookup.repository.ts';

export type TrendBucket = 'DAY' | 'WEEK' | 'MONTH';

export interface UnitTrendModel {
  unitId: number;
  bucket: TrendBucket;
  period: Period;
  asOf: Date;
  points: TrendRow[];
}

export class TrendService {
  constructor(
    private readonly repo: AreaStatsRepository,
    private readonly lookups: LookupRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async unitTrend(
    user: User | null,
    args: {
      unitId: string;
      bucket?: TrendBucket | null;
      period?: { since?: string | null; until?: string | null } | null;
    },
  ): Promise<UnitTrendModel> {
    const unitId = idOf('unitId', args.unitId);
    requireTrendViewer(user, unitId);
    if (!(await this.lookups.unitExists(unitId))) throw notFound(`No unit has id ${unitId}`);
    const asOf = this.now();
    const period = periodOf('period', args.period, asOf, 90);
    const bucket = args.bucket ?? 'WEEK';
    const points = await this.repo.trend(
      unitId,
      bucket.toLowerCase() as 'day' | 'week' | 'month',
      period,
      asOf,
    );
    return { unitId, bucket, period, asOf, points };
  }
}
