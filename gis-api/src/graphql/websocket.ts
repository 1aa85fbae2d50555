// graphql-ws on the same path as HTTP GraphQL: a noServer WebSocketServer that takes only /graphql upgrades.
import type http from 'node:http';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import { parse, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GraphQLContext, Services } from '../context.ts';
import type { ApiMetrics } from '../http/metrics.ts';
import type { User } from '../users/user.repository.ts';
import { costErrors } from './cost-limit.ts';
import { depthErrors } from './depth-limit.ts';
import { introspectionErrors } from './introspection.ts';
import { createLoaders } from './loaders.ts';

// graphql-ws accepts only errors that are `instanceof` the GraphQLError of the graphql it imports
// natively (the package's CommonJS main). Node gives our own import that same module; vitest gives us
// the ESM build instead, so the errors are rebuilt with the native class.
const NativeGraphQLError = (createRequire(import.meta.url)('graphql') as typeof import('graphql'))
  .GraphQLError;
const forGraphqlWs = (errors: readonly GraphQLError[]): GraphQLError[] =>
  errors.map((e) => new NativeGraphQLError(e.message, { nodes: e.nodes ?? null, extensions: e.extensions }));

export interface WebSocketOptions {
  schema: GraphQLSchema;
  path: string;
  services: Services;
  maxDepth: number;
  maxCost: number;
  /** Whether __schema/__type may be queried (Apollo enforces it for HTTP; this is the WebSocket side). */
  introspection: boolean;
  maxPayloadBytes: number;
  metrics: ApiMetrics;
  formatError(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError;
}

export interface GraphQLWebSocket {
  attach(server: http.Server): void;
  close(): Promise<void>;
}

export function createGraphQLWebSocket(options: WebSocketOptions): GraphQLWebSocket {
  const { services, metrics } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const servers = new Set<http.Server>();

  const disposable = useServer<Record<string, unknown>, { user: User | null }>(
    {
      schema: options.schema,
      // Only introspection, depth and cost checks here; returning nothing lets graphql-ws parse, validate and run as usual.
      // (Its validate and the schema come from the same graphql module; ours may not, under vitest.)
      onSubscribe: (_ctx, _id, payload): readonly GraphQLError[] | void => {
        let document;
        try {
          document = parse(payload.query);
        } catch {
          return; // graphql-ws reports the syntax error itself
        }
        const errors = options.introspection ? [] : introspectionErrors(document);
        if (errors.length === 0) errors.push(...depthErrors(document, options.maxDepth));
        if (errors.length === 0)
          errors.push(...costErrors(options.schema, document, options.maxCost, payload));
        if (errors.length > 0) return forGraphqlWs(errors);
      },
      // The token travels in connectionParams (browsers cannot set headers on a WebSocket);
      // a bad one refuses the connection (4403) instead of silently downgrading it to anonymous.
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header = params.authorization ?? params.Authorization;
        try {
          ctx.extra.user = await services.auth.userFromAuthorization(
            typeof header === 'string' ? header : null,
          );
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx): GraphQLContext => ({
        user: ctx.extra.user ?? null,
        clientIp: ctx.extra.request.socket.remoteAddress ?? null,
        services,
        loaders: createLoaders(services),
      }),
      onOperation: (_ctx, _id, payload, args) => {
        const definition = args.document.definitions.find(
          (d) =>
            d.kind === 'OperationDefinition' &&
            (!payload.operationName || d.name?.value === payload.operationName),
        );
        metrics.graphqlOperations.inc({
          type: definition?.kind === 'OperationDefinition' ? definition.operation : 'invalid',
          name: metrics.operationLabel(payload.operationName),
          outcome: 'ok',
        });
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: result.errors.map((e) => options.formatError(e.toJSON(), e)) }
          : undefined,
      onError: (_ctx, _id, payload, errors) => {
        metrics.graphqlOperations.inc({
          type: 'invalid',
          name: metrics.operationLabel(payload.operationName),
          outcome: 'error',
        });
        return errors.map((e) => options.formatError(e.toJSON(), e));
      },
    },
    wss,
  );

  wss.on('connection', (socket) => {
    metrics.wsConnections.inc();
    socket.once('close', () => metrics.wsConnections.dec());
  });

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // Other paths belong to whoever else listens for upgrades on this server.
    if (pathOf(req.url) !== options.path) return;
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };

  return {
    attach(server) {
      if (servers.has(server)) return;
      servers.add(server);
      server.on('upgrade', onUpgrade);
    },
    async close() {
      for (const server of servers) server.off('upgrade', onUpgrade);
      servers.clear();
      await disposable.dispose();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function pathOf(url: string | undefined): string {
  const q = (url ?? '').indexOf('?');
  return q === -1 ? (url ?? '') : (url ?? '').slice(0, q);
}
