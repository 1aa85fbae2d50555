// Every concept's resolvers plus the shared scalars, in the array form makeExecutableSchema merges.
import { adminUnitResolvers } from '../admin-units/admin-unit.resolvers.ts';
import { analyticsResolvers } from '../analytics/analytics.resolvers.ts';
import { categoryResolvers } from '../categories/category.resolvers.ts';
import { classifierResolvers } from '../classifier/classifier.resolvers.ts';
import { eventResolvers } from '../events/event.resolvers.ts';
import { facilityResolvers } from '../facilities/facility.resolvers.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { mediaResolvers } from '../media/media.resolvers.ts';
import { reportResolvers } from '../reports/report.resolvers.ts';
import { unitResolvers } from '../units/unit.resolvers.ts';
import { userResolvers } from '../users/user.resolvers.ts';
import { DateTimeScalar, GeoJSONScalar, JSONScalar } from './scalars.ts';

const scalarResolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  GeoJSON: GeoJSONScalar,
};

export const resolvers: Resolvers[] = [
  scalarResolvers,
  categoryResolvers,
  classifierResolvers,
  unitResolvers,
  adminUnitResolvers,
  facilityResolvers,
  userResolvers,
  eventResolvers,
  mediaResolvers,
  reportResolvers,
  analyticsResolvers,
];
