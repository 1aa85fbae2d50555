// GraphQL resolvers for media: publication by operators; the Media type maps straight from MediaRecord.
import type { Resolvers } from '../generated/graphql.ts';

export const mediaResolvers: Resolvers = {
  Mutation: {
    publishMedia: (_parent, { id }, { services, user }) => services.media.setPublished(user, id, true),
    unpublishMedia: (_parent, { id }, { services, user }) => services.media.setPublished(user, id, false),
  },
  MediaKind: {
    PHOTO: 'photo',
    VIDEO: 'video',
  },
};
