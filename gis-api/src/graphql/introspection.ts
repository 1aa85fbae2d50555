// Refuses __schema/__type when introspection is off (production), for graphql-ws: Apollo does this for
// HTTP, but graphql-ws runs queries too and knows nothing of Apollo's setting.
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

/** One error per introspection field anywhere in the document (fragments included); __typename is allowed. */
export function introspectionErrors(document: DocumentNode): GraphQLError[] {
  const errors: GraphQLError[] = [];
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return;
      errors.push(
        new GraphQLError(`GraphQL introspection is not allowed, but the query contained ${node.name.value}`, {
          nodes: [node],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
      );
    },
  });
  return errors;
}
