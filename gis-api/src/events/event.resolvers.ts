// GraphQL resolvers for the live event feed.
import type { Resolvers } from '../generated/graphql.ts';
import type { EventRecord } from './event.repository.ts';

export const eventResolvers: Resolvers = {
  Subscription: {
    events: {
      subscribe: (_parent, args, { services, user }) => services.events.subscribe(user, args),
      // Only the Event type's fields are sent: `audience` decided delivery and has no field in the schema.
      resolve: (event: EventRecord) => event,
    },
  },
};
