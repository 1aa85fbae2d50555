// Apollo Server for GraphQL over HTTP: masked errors, depth and cost limits, and operation counts for /metrics.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../context.ts';
import type { ApiMetrics } from '../http/metrics.ts';
import { costLimitPlugin } from './cost-limit.ts';
import { depthLimit } from './depth-limit.ts';

export interface ApolloOptions {
  schema: GraphQLSchema;
  maxDepth: number;
  maxCost: number;
  introspection: boolean;
  metrics: ApiMetrics;
  formatError(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError;
}

export async function startApollo(options: ApolloOptions): Promise<ApolloServer<GraphQLContext>> {
  const { metrics } = options;
  const countOperations: ApolloServerPlugin<GraphQLContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, operationName, errors }) {
          metrics.graphqlOperations.inc({
            type: operation?.operation ?? 'invalid',
            name: metrics.operationLabel(operationName),
            outcome: errors && errors.length > 0 ? 'error' : 'ok',
          });
        },
      };
    },
  };
  const server = new ApolloServer<GraphQLContext>({
    schema: options.schema,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    // The process owner (main.ts, scripts/start.ts) shuts everything down in order on SIGINT/SIGTERM;
    // Apollo's own handler would re-raise the signal and end the process before that finishes.
    stopOnTerminationSignals: false,
    validationRules: [depthLimit(options.maxDepth)],
    formatError: options.formatError,
    // The default landing page loads Apollo's sandbox from a CDN; an IOC may run offline.
    plugins: [
      countOperations,
      costLimitPlugin<GraphQLContext>(options.maxCost),
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await server.start();
  return server;
}
