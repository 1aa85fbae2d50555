// reports(filter, first, after): stable cursor paging, every filter, page-size limits, and a bound on the
// SQL a full page costs (counted with a kysely plugin), so loaders keep 100 reports at a handful of queries.
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { startApiServer, type ApiServer } from './support/api-server.ts';
import { loginAll, addMatrixUsers, act, submit, unitIdOf, type Actor } from './support/report-fixtures.ts';

/** Counts every statement kysely sends, transactions' included. */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const TOTAL = 110;
const counter = new QueryCounter();
let database: TestDatabase;
let server: ApiServer;
let tokens: Record<Actor, string | undefined>;
const ids: string[] = [];

type Page = {
  reports: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: { id: string; createdAt: string } }>;
  };
};
const PAGE = `query P($filter: ReportFilter, $first: Int, $after: String) {
  reports(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id createdAt } }
  }
}`;

beforeAll(async () => {
  database = await createTestDatabase();
  await addMatrixUsers(database);
  server = await startApiServer(
    { ...database, db: database.db.withPlugin(counter) },
    {
      REPORT_RATE_BURST: '100000',
      LOGIN_RATE_BURST: '1000',
      GRAPHQL_MAX_COST: '100000000',
      // Nothing in the background while queries are counted.
      EVENTS_POLL_MS: '60000',
      SLA_CLOCK_INTERVAL_MS: '0',
    },
  );
  tokens = await loginAll(server);
  for (let i = 0; i < TOTAL; i++) {
    const over =
      i % 10 === 0
        ? { categoryCode: 'rac-thai', description: `Rác ở phố Hàng Bài số ${i}`, lat: 21.0287 + i * 1e-5 }
        : { description: `Vỉa hè bị lấn chiếm ${i}`, lat: 21.0287 + i * 1e-5 };
    ids.push((await submit(server, i % 2 ? tokens.citizen : undefined, over)).id);
  }
  // Some history, a duplicate and a rejection, so the nested lists have something in them.
  for (const id of ids.slice(0, 20))
    await act(server, tokens.operator, 'acknowledgeReport', { id, note: 'đã nhận' });
  await act(server, tokens.operator, 'mergeReport', { id: ids[3]!, intoId: ids[2]! });
  await act(server, tokens.operator, 'rejectReport', { id: ids[5]!, reason: 'NOT_A_REAL_ISSUE' });
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

async function page(variables: Record<string, unknown>, token = tokens.operator) {
  const res = await server.gql<Page>(PAGE, variables, token);
  expect(res.errors).toBeUndefined();
  return res.data!.reports;
}

describe('paging', () => {
  it('walks every report once, newest first, with opaque cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p: Page['reports'] = await page({ first: 25, after });
      expect(p.totalCount).toBe(TOTAL);
      seen.push(...p.edges.map((e) => e.node.id));
      expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? null);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('gives 20 by default and refuses more than 100 or less than 1', async () => {
    expect((await page({})).edges).toHaveLength(20);
    for (const first of [101, 0, -1]) {
      const res = await server.gql(PAGE, { first });
      expect(res.errors?.[0]).toMatchObject({
        message: `first must be from 1 to 100 (got ${first})`,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  });

  it('refuses a cursor it did not issue', async () => {
    for (const after of ['nonsense', Buffer.from('["x","1"]').toString('base64url'), '']) {
      const res = await server.gql(PAGE, { after });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('filters', () => {
  it('by category, status, unit, text without diacritics, bbox and time', async () => {
    expect((await page({ filter: { categoryCode: 'rac-thai' }, first: 100 })).totalCount).toBe(11);
    expect((await page({ filter: { status: ['ACKNOWLEDGED'] } })).totalCount).toBe(18);
    expect((await page({ filter: { status: ['DUPLICATE', 'REJECTED'] } })).totalCount).toBe(2);
    const urenco = await unitIdOf(database, 'HN-URENCO');
    expect((await page({ filter: { unitId: urenco } })).totalCount).toBe(11);
    expect((await page({ filter: { text: 'hang bai so 10' } })).edges.map((e) => e.node.id)).toEqual([
      ids[100],
      ids[10],
    ]);
    const box = [105.85, 21.0287 + 49.5e-5, 105.855, 21.04];
    expect((await page({ filter: { bbox: box } })).totalCount).toBe(TOTAL - 50);
    const all = await page({ first: 100 });
    const middle = all.edges[50]!.node.createdAt;
    const since = (await page({ filter: { since: middle }, first: 100 })).totalCount;
    const until = (await page({ filter: { until: middle }, first: 100 })).totalCount;
    expect(since + until).toBe(TOTAL);
  });

  it('says what is wrong with a filter', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ categoryCode: 'nope' }, 'Unknown category "nope"'],
      [{ bbox: [1, 2, 3] }, 'bbox must have 4 numbers [minLng, minLat, maxLng, maxLat] (got 3)'],
      [{ status: [] }, 'status must not be empty (omit it for every status)'],
      [{ unitId: 'x' }, 'unitId must be a unit id (digits), got "x"'],
      [{ since: '2025-02-01T00:00:00Z', until: '2025-01-01T00:00:00Z' }, 'since must be before until'],
      [{ mine: true }, 'mine: sign in to see your own reports'],
    ];
    for (const [filter, message] of cases) {
      const res = await server.gql(PAGE, { filter });
      expect(res.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    }
  });
});

describe('query count', () => {
  const FULL = `query Full($first: Int) { reports(first: $first) { totalCount edges { node {
    id status category { code agency { code } } unit { code adminUnit { name } } adminUnit { name parent { name } }
    media { id } reporter { name phone } duplicateOf { id category { code } }
    duplicateCandidates { distanceM report { id category { code } } }
    history { action note by { role name } unit { code } media { id } }
  } } } }`;

  async function measure(first: number): Promise<number> {
    counter.count = 0;
    const res = await server.gql<{ reports: { edges: unknown[] } }>(FULL, { first }, tokens.operator);
    expect(res.errors).toBeUndefined();
    expect(res.data!.reports.edges).toHaveLength(first);
    return counter.count;
  }

  it('a full page of 100 reports with every relation takes a handful of queries, the same as a page of 5', async () => {
    const small = await measure(5);
    const large = await measure(100);
    console.log(`SQL statements: page of 5 → ${small}, page of 100 → ${large}`);
    expect(large).toBeLessThanOrEqual(16);
    expect(large).toBe(small);
  });
});
