// Builds the analytics services from the database and the event feed (for live hexbin updates).
import type { Kysely } from 'kysely';
import type { DB } from '@ioc/sql';
import { AreaStatsRepository } from './area-stats.repository.ts';
import { AreaStatsService } from './area-stats.service.ts';
import { HexbinRepository } from './hexbin.repository.ts';
import { HexbinService, type EventFeed } from './hexbin.service.ts';
import { HotspotService } from './hotspot.service.ts';
import { LookupRepository } from './lookup.repository.ts';
import { ScorecardRepository } from './scorecard.repository.ts';
import { ScorecardService } from './scorecard.service.ts';
import { TrendService } from './trend.service.ts';

export interface Analytics {
  hexbins: HexbinService;
  hotspots: HotspotService;
  scorecards: ScorecardService;
  trends: TrendService;
  areas: AreaStatsService;
}

export function createAnalytics(
  db: Kysely<DB>,
  events: EventFeed,
  now: () => Date = () => new Date(),
): Analytics {
  const lookups = new LookupRepository(db);
  const hexbins = new HexbinRepository(db);
  const scorecards = new ScorecardRepository(db);
  const areas = new AreaStatsRepository(db);
  return {
    hexbins: new HexbinService(hexbins, lookups, events, now),
    hotspots: new HotspotService(hexbins, lookups, now),
    scorecards: new ScorecardService(scorecards, lookups, now),
    trends: new TrendService(areas, lookups, now),
    areas: new AreaStatsService(areas, scorecards, now),
  };
}
