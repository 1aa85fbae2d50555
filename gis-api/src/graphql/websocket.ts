// graphql-ws on the same path as HTTP GraphQL: a noServer WebSocketServer that takes only /graphql upgrades.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { parse, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GraphQLContext, Services } from '../context.ts';
import type { ApiMetrics } from '../http/metrics.ts';
import type { User } from '../users/user.repository.ts';
import { depthErrors } from './depth-limit.ts';
import { createLoaders } from './loaders.ts';

export interface WebSocketOptions {
  schema: GraphQLSchema;
  path: string;
  services: Services;
  maxDepth: number;
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
      // Only the depth check here; returning nothing lets graphql-ws parse, validate and run as usual.
      // (Its validate and the schema come from the same graphql module; ours may not, under vitest.)
      onSubscribe: (_ctx, _id, payload): readonly GraphQLError[] | void => {
        let document;
        try {
          document = parse(payload.query);
        } catch {
          return; // graphql-ws reports the syntax error itself
        }
        const errors = depthErrors(document, options.maxDepth);
        if (errors.length > 0) return errors;
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
