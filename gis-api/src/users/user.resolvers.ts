// GraphQL resolvers for users and signing in.
import type { Resolvers } from '../generated/graphql.ts';

export const userResolvers: Resolvers = {
  Query: {
    me: (_parent, _args, { user }) => user,
  },
  Mutation: {
    login: (_parent, { username, password }, { services, clientIp }) =>
      services.auth.login(username, password, clientIp),
  },
  User: {
    unit: (user, _args, { loaders }) => (user.unitId === null ? null : loaders.unit.load(user.unitId)),
  },
  Role: {
    CITIZEN: 'citizen',
    OFFICER: 'officer',
    OPERATOR: 'operator',
    LEADER: 'leader',
    ADMIN: 'admin',
  },
};
