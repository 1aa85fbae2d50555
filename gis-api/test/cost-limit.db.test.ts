// The cost limit and introspection switch over real HTTP and graphql-ws, as a client meets them.
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { startApiServer, type ApiServer } from './support/api-server.ts';
import { connect } from './support/event-client.ts';

let database: TestDatabase;
let server: ApiServer;
let production: ApiServer;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: false });
  server = await startApiServer(database, { GRAPHQL_MAX_COST: '500' });
  production = await startApiServer(database, { NODE_ENV: 'production' });
});

afterAll(async () => {
  await server?.close();
  await production?.close();
  await database?.drop();
});

/** Runs one query or subscription over graphql-ws and returns its first result or error. */
async function overWebSocket(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  return new Promise((resolve) => {
    const dispose = client.subscribe(
      { query, variables },
      {
        next: (result) => {
          resolve(result as never);
          dispose();
        },
        error: (err) => resolve({ errors: err as never }),
        complete: () => {},
      },
    );
  });
}

const tooCostly = (cost: number, limit: number, name = 'Operation') =>
  `${name} is too costly: estimated cost ${cost}, the limit is ${limit}. Ask for fewer items (first/limit) or fewer nested lists.`;

describe('query cost limit', () => {
  it('HTTP: a query over GRAPHQL_MAX_COST is refused with its cost and the limit, before it runs', async () => {
    const res = await server.gql('{ facilities(first: 1000) { id name } }');
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([
      expect.objectContaining({ message: tooCostly(2001, 500), extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
  });

  it('HTTP: a query within the limit runs', async () => {
    const res = await server.gql('{ facilities(first: 10) { id name } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ facilities: [] });
  });

  it('HTTP: page sizes passed as variables count too', async () => {
    const query = 'query Many($n: Int) { facilities(first: $n) { id name } }';
    expect((await server.gql(query, { n: 10 })).errors).toBeUndefined();
    const res = await server.gql(query, { n: 300 });
    expect(res.errors?.[0]).toMatchObject({ message: tooCostly(601, 500, '"Many"') });
  });

  it('graphql-ws: the same limit applies to operations over the socket', async () => {
    const client = connect(server.wsUrl);
    const refused = await overWebSocket(client, 'query Big { facilities(first: 1000) { id name } }');
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: tooCostly(2001, 500, '"Big"'),
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
    const viaVariable = await overWebSocket(client, 'query ($n: Int) { facilities(first: $n) { id } }', {
      n: 900,
    });
    expect(viaVariable.errors?.[0]?.message).toBe(tooCostly(901, 500));
    const ok = await overWebSocket(client, '{ facilities(first: 5) { id } }');
    expect(ok).toEqual({ data: { facilities: [] } });
    await client.dispose();
  });
});

describe('depth limit over graphql-ws', () => {
  it('a query nested past GRAPHQL_MAX_DEPTH is refused over the socket too', async () => {
    const client = connect(server.wsUrl);
    const deep = `query Deep { adminUnits { ${'parent { '.repeat(10)}id${' }'.repeat(10)} } }`;
    const res = await overWebSocket(client, deep);
    expect(res.errors?.[0]).toMatchObject({
      message: '"Deep" is nested 12 levels deep; the limit is 10',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    await client.dispose();
  });
});

describe('introspection', () => {
  const introspect = '{ __schema { queryType { name } } }';

  it('is served outside production', async () => {
    const res = await server.gql(introspect);
    expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('is refused over HTTP when NODE_ENV=production', async () => {
    expect(production.config.graphqlIntrospection).toBe(false);
    const res = await production.gql(introspect);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toContain('introspection');
    const typeQuery = await production.gql('{ __type(name: "User") { fields { name } } }');
    expect(typeQuery.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // __typename is not introspection: clients (Apollo, urql) add it everywhere.
    expect((await production.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('is refused over graphql-ws when NODE_ENV=production', async () => {
    const client = connect(production.wsUrl);
    const res = await overWebSocket(client, introspect);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.message).toContain('introspection');
    expect(await overWebSocket(client, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
    await client.dispose();
  });
});
