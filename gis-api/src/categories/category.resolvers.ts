// GraphQL resolvers for categories and agency types.
import type { Resolvers } from '../generated/graphql.ts';
import { required } from '../graphql/required.ts';

export const categoryResolvers: Resolvers = {
  Query: {
    categories: (_parent, _args, { services }) => services.categories.list(),
  },
  Category: {
    agency: async (category, _args, { loaders }) =>
      required(await loaders.agencyType.load(category.agencyType), `agency type ${category.agencyType}`),
  },
};
