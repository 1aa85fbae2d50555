// GraphQL resolvers for analytics: hexbins, hotspots, scorecards, trends, choropleths, city figures.
import type { Resolvers } from '../generated/graphql.ts';
import { required } from '../graphql/required.ts';
import type { HexbinUpdate } from './hexbin.service.ts';

export const analyticsResolvers: Resolvers = {
  Query: {
    hexbins: (_p, args, { services, user }) => services.analytics.hexbins.hexbins(user, args),
    hotspots: (_p, args, { services, user }) => services.analytics.hotspots.hotspots(user, args),
    emergingHotspots: (_p, args, { services, user }) =>
      services.analytics.hotspots.emergingHotspots(user, args),
    unitScorecards: (_p, args, { services, user }) =>
      services.analytics.scorecards.unitScorecards(user, args),
    unitTrend: (_p, args, { services, user }) => services.analytics.trends.unitTrend(user, args),
    adminUnitStats: (_p, args, { services, user }) => services.analytics.areas.adminUnitStats(user, args),
    cityStats: (_p, args, { services, user }) => services.analytics.areas.cityStats(user, args),
  },
  Subscription: {
    hexbinUpdates: {
      subscribe: (_p, args, { services, user }) => services.analytics.hexbins.hexbinUpdates(user, args),
      resolve: (update: HexbinUpdate) => update,
    },
  },
  UnitScorecard: {
    unit: async (card, _args, { loaders }) =>
      required(await loaders.unit.load(card.unitId), `unit ${card.unitId}`),
  },
  UnitScorecards: {
    adminUnit: (cards, _args, { loaders }) =>
      cards.adminUnitId === null ? null : loaders.adminUnit.load(cards.adminUnitId),
  },
  UnitTrend: {
    unit: async (trend, _args, { loaders }) =>
      required(await loaders.unit.load(trend.unitId), `unit ${trend.unitId}`),
  },
  AdminUnitStat: {
    adminUnit: async (stat, _args, { loaders }) =>
      required(await loaders.adminUnit.load(stat.adminUnitId), `admin unit ${stat.adminUnitId}`),
  },
};
