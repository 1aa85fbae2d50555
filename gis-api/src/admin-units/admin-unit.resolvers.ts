// GraphQL resolvers for administrative units.
import type { Resolvers } from '../generated/graphql.ts';
import { required } from '../graphql/required.ts';
import { selectsField } from '../graphql/requested-fields.ts';

export const adminUnitResolvers: Resolvers = {
  Query: {
    adminUnits: (_parent, { level }, { services }, info) =>
      services.adminUnits.list({ level, withGeometry: selectsField(info, 'geometry') }),
  },
  AdminUnit: {
    parent: (unit, _args, { loaders }) =>
      unit.parentId === null ? null : loaders.adminUnit.load(unit.parentId),
    // Lists load the boundary up front when it was selected; units reached through a relation load it here.
    geometry: async (unit, _args, { loaders }) =>
      unit.geometry ??
      required(await loaders.adminUnitGeometry.load(unit.id), `geometry of admin unit ${unit.id}`),
  },
  AdminUnitKind: {
    COUNTRY: 'country',
    PROVINCE: 'province',
    CITY: 'city',
    DISTRICT: 'district',
    URBAN_DISTRICT: 'urban_district',
    TOWN: 'town',
    WARD: 'ward',
    COMMUNE: 'commune',
    TOWNSHIP: 'township',
  },
};
