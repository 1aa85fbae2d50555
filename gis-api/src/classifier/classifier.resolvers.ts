// GraphQL resolvers for category suggestions (public: a citizen gets them while writing a report).
import type { Resolvers } from '../generated/graphql.ts';

export const classifierResolvers: Resolvers = {
  Query: {
    suggestCategory: (_parent, { text }, { services }) => services.classifier.suggestCategories(text),
  },
};
