// Bearer tokens as a client meets them: a login token works; expired, forged or unsigned ones are
// UNAUTHENTICATED over HTTP (401) and refused over graphql-ws (4403), never downgraded to anonymous.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, signToken } from '../src/auth/token.ts';
import { TEST_AUTH_SECRET, startApiServer, type ApiServer } from './support/api-server.ts';
import { collectEvents, connect } from './support/event-client.ts';

let database: TestDatabase;
let server: ApiServer;
let operatorId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startApiServer(database);
  operatorId = (
    await sql<{ id: number }>`select id from users where username = 'operator'`.execute(database.db)
  ).rows[0]!.id;
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

const now = () => Math.floor(Date.now() / 1000);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const ME = '{ me { username role } }';

describe('bearer tokens over the API', () => {
  it('the token login returns is accepted until it expires', async () => {
    const login = await server.gql<{ login: { token: string; expiresAt: string } }>(
      'mutation { login(username: "operator", password: "operator-demo-pass") { token expiresAt } }',
    );
    const { token, expiresAt } = login.data!.login;
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect((await server.gql(ME, {}, token)).data).toEqual({
      me: { username: 'operator', role: 'OPERATOR' },
    });
  });

  it('an expired token is UNAUTHENTICATED: 401 over HTTP, 4403 over graphql-ws', async () => {
    const expired = await signToken(
      { sub: String(operatorId), role: 'operator', iat: now() - 7200, exp: now() - 60 },
      TEST_AUTH_SECRET,
    );
    const res = await server.gql(ME, {}, expired);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]).toMatchObject({
      message: 'Token expired; sign in again',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const client = connect(server.wsUrl, { authorization: `Bearer ${expired}` });
    const sub = collectEvents(client, {});
    expect(await sub.waitForError()).toMatchObject({ code: 4403 });
    await client.dispose();
  });

  it('a token signed with another key, or with alg "none", is UNAUTHENTICATED', async () => {
    const claims = { sub: String(operatorId), role: 'admin', iat: now(), exp: now() + 600 };
    const foreign = await signToken(claims, 'another-secret-that-is-32-characters-long');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE })}.`;
    for (const token of [foreign, unsigned]) {
      const res = await server.gql(ME, {}, token);
      expect(res.status).toBe(401);
      expect(res.errors?.[0]).toMatchObject({
        message: 'Invalid token',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
  });
});
