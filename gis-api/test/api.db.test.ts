// gis-api over real HTTP against the seeded reference data: health, metrics, reference queries, login, errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { startApiServer, type ApiServer } from './support/api-server.ts';
import { collectEvents, connect } from './support/event-client.ts';
import { insertEvents, lastSeq } from './support/insert-events.ts';

let database: TestDatabase;
let server: ApiServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startApiServer(database);
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

describe('health and metrics', () => {
  it('healthz says ok while the process is alive', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('readyz is 200 when the database answers and every migration is applied', async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(await res.json()).toEqual({ status: 'ready' });
    expect(res.status).toBe(200);
  });

  it('metrics are Prometheus text with request durations, operation counts and process metrics', async () => {
    await server.gql('query CategoryList { categories { code } }');
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(
      /ioc_http_request_duration_seconds_count\{route="\/graphql",method="POST",status="200"\} \d+/,
    );
    expect(text).toMatch(/ioc_graphql_operations_total\{type="query",name="CategoryList",outcome="ok"\} 1/);
    expect(text).toContain('ioc_db_query_errors_total');
    expect(text).toContain('ioc_events_last_seq');
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});

describe('reference data', () => {
  it('adminUnits(level: 2) returns the 30 districts of Hà Nội with Vietnamese names', async () => {
    const res = await server.gql<{
      adminUnits: Array<{ name: string; level: number; kind: string; parent: { name: string } }>;
    }>(
      '{ adminUnits(level: 2) { id code name nameEn level kind areaKm2 labelPoint { lat lng } parent { name level } } }',
    );
    expect(res.errors).toBeUndefined();
    const units = res.data!.adminUnits;
    expect(units).toHaveLength(30);
    expect(units.map((u) => u.name)).toContain('Quận Hoàn Kiếm');
    expect(new Set(units.map((u) => u.level))).toEqual(new Set([2]));
    expect(units.every((u) => u.parent.name.includes('Hà Nội'))).toBe(true);
    expect(units.map((u) => u.kind)).toContain('URBAN_DISTRICT');
  });

  it('adminUnits returns a GeoJSON boundary only when the query asks for it', async () => {
    const res = await server.gql<{
      adminUnits: Array<{ name: string; geometry: { type: string; coordinates: unknown[] } }>;
    }>('{ adminUnits(level: 2) { name geometry } }');
    expect(res.errors).toBeUndefined();
    const hoanKiem = res.data!.adminUnits.find((u) => u.name === 'Quận Hoàn Kiếm')!;
    expect(hoanKiem.geometry.type).toBe('MultiPolygon');
    expect(hoanKiem.geometry.coordinates.length).toBeGreaterThan(0);
  });

  it('adminUnits refuses a level outside 1 to 5', async () => {
    const res = await server.gql('{ adminUnits(level: 9) { id } }');
    expect(res.errors?.[0]).toMatchObject({
      message: 'level must be from 1 to 5 (got 9)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('categories carry their SLA minutes and responsible agency', async () => {
    const res = await server.gql<{
      categories: Array<{
        code: string;
        ackMinutes: number;
        resolveMinutes: number;
        agencyType: string;
        agency: { code: string };
      }>;
    }>(
      '{ categories { code name nameEn agencyType agency { code name nameEn } ackMinutes resolveMinutes isEmergency } }',
    );
    expect(res.errors).toBeUndefined();
    const categories = res.data!.categories;
    expect(categories.length).toBeGreaterThan(5);
    for (const c of categories) {
      expect(c.resolveMinutes).toBeGreaterThan(c.ackMinutes);
      expect(c.agency.code).toBe(c.agencyType);
    }
  });

  it("units name their agency type and, for people's committees, their administrative unit", async () => {
    const res = await server.gql<{
      units: Array<{ code: string; name: string; agencyType: string; adminUnit: { name: string } | null }>;
    }>('{ units { id code name nameEn agencyType adminUnit { name level } } }');
    expect(res.errors).toBeUndefined();
    const units = res.data!.units;
    expect(units.length).toBeGreaterThan(30);
    expect(units.some((u) => u.adminUnit?.name === 'Quận Hoàn Kiếm')).toBe(true);
  });
});

describe('facilities', () => {
  const query =
    'query F($kind: FacilityKind, $bbox: [Float!], $text: String, $first: Int) { facilities(kind: $kind, bbox: $bbox, text: $text, first: $first) { id kind name address phone location { lat lng } } }';
  type Facilities = {
    facilities: Array<{ kind: string; name: string; location: { lat: number; lng: number } }>;
  };

  it('facilities inside a bounding box of central Hà Nội are inside it', async () => {
    const bbox = [105.83, 21.01, 105.87, 21.04];
    const res = await server.gql<Facilities>(query, { bbox, first: 50 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.facilities.length).toBeGreaterThan(0);
    expect(res.data!.facilities.length).toBeLessThanOrEqual(50);
    for (const f of res.data!.facilities) {
      expect(f.location.lng).toBeGreaterThanOrEqual(bbox[0]!);
      expect(f.location.lat).toBeGreaterThanOrEqual(bbox[1]!);
      expect(f.location.lng).toBeLessThanOrEqual(bbox[2]!);
      expect(f.location.lat).toBeLessThanOrEqual(bbox[3]!);
    }
  });

  it('facilities can be filtered by kind and found by text without diacritics', async () => {
    const res = await server.gql<Facilities>(query, { kind: 'HOSPITAL', text: 'benh vien', first: 20 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.facilities.length).toBeGreaterThan(0);
    for (const f of res.data!.facilities) {
      expect(f.kind).toBe('HOSPITAL');
      expect(f.name.toLowerCase()).toMatch(/bệnh viện|benh vien|hospital/);
    }
  });

  it.each([
    [[105.8, 21.0, 105.9], 'bbox must have 4 numbers [minLng, minLat, maxLng, maxLat] (got 3)'],
    [[105.8, 95, 105.9, 21.1], 'bbox minLat must be between -90 and 90 (got 95)'],
    [[-181, 21.0, 105.9, 21.1], 'bbox minLng must be between -180 and 180 (got -181)'],
    [[105.9, 21.0, 105.8, 21.1], 'bbox minLng (105.9) must not be greater than maxLng (105.8)'],
    [[105.8, 21.2, 105.9, 21.1], 'bbox minLat (21.2) must not be greater than maxLat (21.1)'],
  ])('a bad bbox %j is refused with a precise message', async (bbox, message) => {
    const res = await server.gql(query, { bbox });
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([
      expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
  });

  it('first outside 1 to 1000 is refused', async () => {
    const res = await server.gql(query, { first: 5000 });
    expect(res.errors?.[0]).toMatchObject({
      message: 'first must be from 1 to 1000 (got 5000)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('signing in', () => {
  const login =
    'mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { token expiresAt user { username role displayName unit { code } } } }';
  type Login = {
    login: {
      token: string;
      expiresAt: string;
      user: { username: string; role: string; unit: { code: string } | null };
    };
  };

  it('me is null when anonymous', async () => {
    const res = await server.gql('{ me { id } }');
    expect(res).toMatchObject({ status: 200, data: { me: null } });
  });

  it('login with the right password returns a token that makes me the user, with their role', async () => {
    const res = await server.gql<Login>(login, { u: 'officer.hoankiem', p: 'officer.hoankiem-demo-pass' });
    expect(res.errors).toBeUndefined();
    const { token, expiresAt, user } = res.data!.login;
    expect(user).toMatchObject({ username: 'officer.hoankiem', role: 'OFFICER', unit: { code: 'UBND-002' } });
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await server.gql<{ me: { username: string; role: string } }>(
      '{ me { username role } }',
      {},
      token,
    );
    expect(me.data).toEqual({ me: { username: 'officer.hoankiem', role: 'OFFICER' } });
  });

  it('login with a wrong password or an unknown user fails the same way', async () => {
    for (const [u, p] of [
      ['operator', 'wrong-password'],
      ['nobody', 'operator-demo-pass'],
    ]) {
      const res = await server.gql(login, { u, p });
      expect(res.data).toBeNull();
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: 'Invalid username or password',
          extensions: { code: 'UNAUTHENTICATED' },
        }),
      ]);
    }
  });

  it('a tampered token is refused with 401 rather than treated as anonymous', async () => {
    const res = await server.gql<Login>(login, { u: 'citizen', p: 'citizen-demo-pass' });
    const token = res.data!.login.token;
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    const me = await server.gql('{ me { id } }', {}, tampered);
    expect(me.status).toBe(401);
    expect(me.errors?.[0]).toMatchObject({
      message: 'Invalid token',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('signing in over WebSocket', () => {
  it('a graphql-ws connection with a valid token in connectionParams subscribes as that user', async () => {
    const res = await server.gql<{ login: { token: string } }>(
      'mutation { login(username: "operator", password: "operator-demo-pass") { token } }',
    );
    const client = connect(server.wsUrl, { authorization: `Bearer ${res.data!.login.token}` });
    const sub = collectEvents(client, { after: await lastSeq(database) });
    const seqs = await insertEvents(database, [{ topic: 'system', type: 'system.hello' }]);
    expect((await sub.waitFor(1)).map((e) => e.seq)).toEqual(seqs);
    await client.dispose();
  });

  it('a graphql-ws connection with a bad token is refused (4403) rather than downgraded to anonymous', async () => {
    const client = connect(server.wsUrl, { authorization: 'Bearer not-a-token' });
    const sub = collectEvents(client, { after: '0' });
    expect(await sub.waitForError()).toMatchObject({ code: 4403 });
    await client.dispose();
  });
});

describe('request limits and errors', () => {
  it('a query nested deeper than the limit is refused before it runs', async () => {
    const deep =
      '{ units { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } } }';
    const res = await server.gql(deep);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toBe('Operation is nested 12 levels deep; the limit is 10');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a body over the size limit gets 413 with a JSON error', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ categories { code } } # ${'x'.repeat(1024 * 1024)}` }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('errors never carry a stack trace', async () => {
    const res = await server.gql('{ adminUnits(level: 0) { id } }');
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it('GraphQL over GET works for queries', async () => {
    const res = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ categories { code } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(
      ((await res.json()) as { data: { categories: unknown[] } }).data.categories.length,
    ).toBeGreaterThan(0);
  });
});
