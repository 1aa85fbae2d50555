// Starts gis-api on 127.0.0.1:0 the way the composed server does (router at the root, WebSockets on
// the same http.Server) and gives tests a real fetch-based GraphQL client.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Database } from '@ioc/sql';
import { createGisApi, readGisApiConfig, type GisApi, type GisApiConfig } from '../../src/index.ts';

export const TEST_AUTH_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string }; path?: unknown[] }>;
}

export interface ApiServer {
  api: GisApi;
  config: GisApiConfig;
  /** http://127.0.0.1:<port> */
  url: string;
  /** ws://127.0.0.1:<port>/graphql */
  wsUrl: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export async function startApiServer(database: Database, env: NodeJS.ProcessEnv = {}): Promise<ApiServer> {
  const config = readGisApiConfig({ AUTH_SECRET: TEST_AUTH_SECRET, EVENTS_POLL_MS: '200', ...env });
  const quiet = { info: () => {}, error: () => {} };
  const api = await createGisApi({ database, config, logger: quiet });
  const app = express();
  app.use(api.router);
  const server = http.createServer(app);
  api.attachWebSocket(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    api,
    config,
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    async gql(query, variables, token) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async close() {
      await api.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
