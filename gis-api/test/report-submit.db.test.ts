// Submitting reports over real HTTP: routing and SLA, the classifier fallback, idempotent retries
// (concurrent ones included), every kind of bad input leaving no rows behind, and rate limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { signToken } from '../src/auth/token.ts';
import { TEST_AUTH_SECRET, startApiServer, type ApiServer } from './support/api-server.ts';
import {
  SUBMIT,
  loginAll,
  addMatrixUsers,
  rowCounts,
  submit,
  submitInput,
  type Actor,
  type ReportView,
} from './support/report-fixtures.ts';

let database: TestDatabase;
let server: ApiServer;
let tokens: Record<Actor, string | undefined>;

beforeAll(async () => {
  database = await createTestDatabase();
  await addMatrixUsers(database);
  server = await startApiServer(database, { REPORT_RATE_BURST: '100000', LOGIN_RATE_BURST: '1000' });
  tokens = await loginAll(server);
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

type Submitted = { submitReport: ReportView };

describe('a submission', () => {
  it('is routed by point and category, with deadlines from the category and H3 cells stored', async () => {
    const r = await submit(server, undefined, { categoryCode: 'rac-thai', address: '  12 Hàng Bài  ' });
    expect(r).toMatchObject({
      status: 'NEW',
      source: 'WEB',
      category: { code: 'rac-thai' },
      unit: { code: 'HN-URENCO' },
      adminUnit: { name: 'Quận Hoàn Kiếm' },
      categorySuggested: false,
      // Anonymous viewers never see the reporter, not even their own anonymous submission.
      reporter: null,
    });
    expect(Date.parse(r.ackDueAt) - Date.parse(r.createdAt)).toBe(4 * 3600_000);
    const row = await database.db
      .selectFrom('reports')
      .select(['h3_r6', 'h3_r10', 'address'])
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row.address).toBe('12 Hàng Bài');
    // Signed 64-bit: H3 cells of resolution 10 have the mode bit set and come out positive here.
    expect(row.h3_r10).toMatch(/^-?\d{15,19}$/);
    expect(row.h3_r6).not.toBe(row.h3_r10);
    const history = r.history.map((h) => [h.action, h.by.role]);
    expect(history).toEqual([['SUBMITTED', null]]);
  });

  it('without a category takes the classifier’s suggestion, or “khac” when there is none', async () => {
    const r = await submit(server, tokens.citizen, { categoryCode: undefined });
    expect(r.categorySuggested).toBe(true);
    if (r.categoryConfidence === null) expect(r.category.code).toBe('khac');
    else expect(r.categoryConfidence).toBeGreaterThanOrEqual(0);
  });

  it('by an operator from the hotline keeps the caller’s contact and says HOTLINE', async () => {
    const r = await submit(server, tokens.operator, {
      source: 'HOTLINE',
      contact: { name: 'Người gọi', phone: '+84 24 3825 1234', email: 'goi@example.vn' },
    });
    expect(r.source).toBe('HOTLINE');
    expect(r.reporter).toEqual({
      name: 'Người gọi',
      phone: '+84 24 3825 1234',
      email: 'goi@example.vn',
      userId: null,
    });
    expect(r.history[0]!.by).toEqual({ role: 'OPERATOR', name: 'Trực ban IOC' });
  });

  it('by a citizen may not claim to come from the hotline', async () => {
    const res = await server.gql(SUBMIT, { input: submitInput({ source: 'HOTLINE' }) }, tokens.citizen);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('idempotent retries', () => {
  it('the same key and payload return the same report; nothing new is written', async () => {
    const input = submitInput({ idempotencyKey: 'retry-key-0001' });
    const first = await server.gql<Submitted>(SUBMIT, { input }, tokens.citizen);
    const before = await rowCounts(database);
    const second = await server.gql<Submitted>(SUBMIT, { input }, tokens.citizen);
    expect(second.data!.submitReport.id).toBe(first.data!.submitReport.id);
    expect(await rowCounts(database)).toEqual(before);
  });

  it('ten concurrent submissions with one key create exactly one report', async () => {
    const input = submitInput({
      idempotencyKey: 'concurrent-key-42',
      description: 'Đèn đường hỏng cả dãy phố',
    });
    const before = await rowCounts(database);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => server.gql<Submitted>(SUBMIT, { input }, tokens.citizen)),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const ids = new Set(results.map((r) => r.data!.submitReport.id));
    expect(ids.size).toBe(1);
    const after = await rowCounts(database);
    expect(after.reports - before.reports).toBe(1);
    expect(after.history - before.history).toBe(1);
    const { n } = await database.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('idempotency_key', '=', 'concurrent-key-42')
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(1);
  });

  it('the same key with a different payload, or from someone else, is a CONFLICT', async () => {
    await submit(server, tokens.citizen, { idempotencyKey: 'conflict-key-1' });
    const before = await rowCounts(database);
    const changed = await server.gql(
      SUBMIT,
      { input: submitInput({ idempotencyKey: 'conflict-key-1', description: 'Khác hẳn' }) },
      tokens.citizen,
    );
    expect(changed.errors?.[0]).toMatchObject({
      message: 'idempotencyKey was already used for a different report; use a new key for a new report',
      extensions: { code: 'CONFLICT' },
    });
    const otherUser = await server.gql(
      SUBMIT,
      { input: submitInput({ idempotencyKey: 'conflict-key-1' }) },
      tokens.otherCitizen,
    );
    expect(otherUser.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await rowCounts(database)).toEqual(before);
  });
});

describe('bad input is refused with a clear message and leaves no rows behind', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['lat 91', { lat: 91 }, /^lat must be between -90 and 90 \(got 91\)$/],
    ['lng 181', { lng: 181 }, /^lng must be between -180 and 180 \(got 181\)$/],
    ['lat -90.5', { lat: -90.5 }, /^lat must be between -90 and 90/],
    ['a point in the sea', { lat: 20.0, lng: 107.5 }, /outside the area served/],
    ['a point in TP.HCM, which no unit serves', { lat: 10.7769, lng: 106.7009 }, /outside the area served/],
    ['an unknown category', { categoryCode: 'khong-ton-tai' }, /^Unknown category "khong-ton-tai"/],
    [
      'a category code that is not even a code',
      { categoryCode: 'DROP TABLE' },
      /^Unknown category "DROP TABLE"/,
    ],
    ['an empty description', { description: '   ' }, /^description must not be empty$/],
    [
      'a 1 MB description',
      { description: 'x'.repeat(1_000_000) },
      /^description must be at most 5000 characters \(got 1000000\)$/,
    ],
    [
      'a 5001-character description',
      { description: 'ậ'.repeat(5001) },
      /^description must be at most 5000 characters/,
    ],
    ['a malformed phone', { contact: { phone: 'call me' } }, /^contact\.phone must be/],
    ['a malformed email', { contact: { email: 'not-an-email' } }, /^contact\.email must look like/],
    [
      'too many media',
      { mediaIds: Array.from({ length: 7 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`) },
      /^At most 6 photos/,
    ],
    ['a malformed media id', { mediaIds: ['../../etc/passwd'] }, /^mediaIds: .* is not a media id$/],
    ['an unknown media id', { mediaIds: ['00000000-0000-4000-8000-000000000001'] }, /^mediaIds: unknown/],
    ['a short idempotency key', { idempotencyKey: 'short' }, /^idempotencyKey must be 8–128/],
    ['a string for lat', { lat: 'north' }, /Float cannot represent/],
    ['no lng at all', { lng: null }, /lng/],
  ];

  it.each(cases)('%s', async (_name, over, message) => {
    const before = await rowCounts(database);
    const res = await server.gql(SUBMIT, { input: submitInput(over) }, tokens.citizen);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.data ?? null).toBeNull();
    expect(await rowCounts(database)).toEqual(before);
  });

  it('Infinity (1e400 in the JSON body) and NaN-like values never reach the database', async () => {
    const before = await rowCounts(database);
    for (const lat of ['1e400', '-1e400']) {
      const body = `{"query":${JSON.stringify(SUBMIT)},"variables":{"input":{"lat":${lat},"lng":105.85,"description":"x"}}}`;
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const json = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      expect(json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const nan = await server.gql(SUBMIT, { input: submitInput({ lat: 'NaN' }) });
    expect(nan.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rowCounts(database)).toEqual(before);
  });

  it('a body over the limit is 413, not a 500', async () => {
    const res = await server.gql(SUBMIT, { input: submitInput({ description: 'x'.repeat(1_100_000) }) });
    expect(res.status).toBe(413);
    expect(res.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('an expired token is UNAUTHENTICATED, never a silent anonymous submission', async () => {
    const before = await rowCounts(database);
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await signToken(
      { sub: '1', role: 'citizen', iat: past - 60, exp: past },
      TEST_AUTH_SECRET,
    );
    const res = await server.gql(SUBMIT, { input: submitInput() }, expired);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await rowCounts(database)).toEqual(before);
  });
});

describe('rate limits', () => {
  let limited: ApiServer;

  beforeAll(async () => {
    limited = await startApiServer(database, {
      REPORT_RATE_BURST: '2',
      REPORT_RATE_PER_MINUTE: '1',
      LOGIN_RATE_BURST: '3',
      LOGIN_RATE_PER_MINUTE: '1',
    });
  });

  afterAll(async () => {
    await limited?.close();
  });

  it('anonymous submissions past the burst get RATE_LIMITED, HTTP 429 and Retry-After; staff do not', async () => {
    for (let i = 0; i < 2; i++)
      expect((await limited.gql(SUBMIT, { input: submitInput() })).errors).toBeUndefined();
    const before = await rowCounts(database);
    const res = await fetch(`${limited.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SUBMIT, variables: { input: submitInput() } }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const json = (await res.json()) as {
      errors: Array<{ extensions: { code: string; retryAfterSeconds: number } }>;
    };
    expect(json.errors[0]!.extensions.code).toBe('RATE_LIMITED');
    expect(json.errors[0]!.extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(await rowCounts(database)).toEqual(before);
    // The same address signed in as a citizen shares the budget; an operator at the hotline does not.
    expect(
      (await limited.gql(SUBMIT, { input: submitInput() }, tokens.citizen)).errors?.[0]?.extensions?.code,
    ).toBe('RATE_LIMITED');
    expect((await limited.gql(SUBMIT, { input: submitInput() }, tokens.operator)).errors).toBeUndefined();
  });

  it('login attempts past the burst get RATE_LIMITED with HTTP 429, even with the right password', async () => {
    const login = 'mutation { login(username: "citizen", password: "wrong") { token } }';
    for (let i = 0; i < 3; i++) {
      expect((await limited.gql(login)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const res = await limited.gql(
      'mutation { login(username: "citizen", password: "citizen-demo-pass") { token } }',
    );
    expect(res.status).toBe(429);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
