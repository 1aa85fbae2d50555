// GraphQL resolvers for units.
import type { Resolvers } from '../generated/graphql.ts';
import { required } from '../graphql/required.ts';

export const unitResolvers: Resolvers = {
  Query: {
    units: (_parent, _args, { services }) => services.units.list(),
  },
  Unit: {
    agency: async (unit, _args, { loaders }) =>
      required(await loaders.agencyType.load(unit.agencyType), `agency type ${unit.agencyType}`),
    adminUnit: (unit, _args, { loaders }) =>
      unit.adminUnitId === null ? null : loaders.adminUnit.load(unit.adminUnitId),
    parent: (unit, _args, { loaders }) =>
      unit.parentUnitId === null ? null : loaders.unit.load(unit.parentUnitId),
  },
};
