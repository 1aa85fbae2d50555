// GraphQL resolvers for facilities.
import type { Resolvers } from '../generated/graphql.ts';

export const facilityResolvers: Resolvers = {
  Query: {
    facilities: (_parent, args, { services }) => services.facilities.search(args),
  },
  FacilityKind: {
    SCHOOL: 'school',
    KINDERGARTEN: 'kindergarten',
    UNIVERSITY: 'university',
    HOSPITAL: 'hospital',
    CLINIC: 'clinic',
    DOCTORS: 'doctors',
  },
};
