// Part 3, reads: a page of 100 reports in a bbox (id, status, category code, location, createdAt), from
// gis-api's `reports` and from PostGraphile 5's generated schema over the same database, with autocannon.
//
// @graphile/postgis exists only for PostGraphile 4 (0.2.0 peers graphile-build ^4), and the connection
// filter plugin needs it for spatial operators, so PostGraphile gets the bbox the way the issue allows:
// a custom SQL function reports_in_bbox() (sql/reports_in_bbox.sql) it exposes as `reportsInBbox`, and
// computed columns reports_lat()/reports_lng() for the point (it cannot read geometry columns); the
// category comes through its generated foreign-key field `categoryByCategoryId`.
//
// PostGraphile runs named prepared statements; after five executions PostgreSQL may switch them to a
// generic plan, which cannot know how many reports a bbox holds and picks the GiST index plus a sort of
// every report in the box (116 ms for the inner-city box of 100,000 reports, against 1 ms walking the
// created_at index). gis-api sends unnamed statements, planned each time. So PostGraphile is measured
// twice: as it comes, and with plan_cache_mode = force_custom_plan on its connections.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { seedWorkload } from '../../sql/src/seed/workload.ts';
import type { BenchOptions } from './options.ts';
import type { ScratchDatabases } from './scratch-databases.ts';
import {
  backendPids,
  cpuSeconds,
  gql,
  startGisApi,
  startPostGraphile,
  totalCpuSeconds,
  type Server,
} from './servers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const WARM_UP_SECONDS = 3;

type Bbox = readonly [number, number, number, number];
/** Four boxes of different sizes over the workload's hotspots and quieter streets, requested in turn. */
export const BBOXES: ReadonlyArray<{ name: string; bbox: Bbox }> = [
  { name: 'Hoàn Kiếm–Đồng Xuân', bbox: [105.84, 21.02, 105.86, 21.045] },
  { name: 'Cầu Giấy', bbox: [105.78, 21.02, 105.81, 21.045] },
  { name: 'Đống Đa–Ngã Tư Sở', bbox: [105.81, 20.995, 105.84, 21.02] },
  { name: 'inner city', bbox: [105.75, 20.95, 105.9, 21.1] },
];

const OURS = `query R($bbox: [Float!]) {
  reports(filter: { bbox: $bbox }, first: 100) {
    edges { node { id status category { code } location { lat lng } createdAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const POSTGRAPHILE = `query R($minLng: Float!, $minLat: Float!, $maxLng: Float!, $maxLat: Float!) {
  reportsInBbox(minLng: $minLng, minLat: $minLat, maxLng: $maxLng, maxLat: $maxLat, first: 100) {
    edges { node { rowId status categoryByCategoryId { code } lat lng createdAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const oursBody = (b: Bbox) => JSON.stringify({ query: OURS, variables: { bbox: b } });
const postgraphileBody = (b: Bbox) =>
  JSON.stringify({
    query: POSTGRAPHILE,
    variables: { minLng: b[0], minLat: b[1], maxLng: b[2], maxLat: b[3] },
  });

export interface ReadSide {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  /** % of one core: the server process, and the PostgreSQL backends of the database. */
  cpuPercent: number;
  pgCpuPercent: number;
}

export interface ReadsResult {
  reports: number;
  boxes: Array<{ name: string; bbox: Bbox; inBox: number }>;
  connections: number;
  seconds: number;
  ours: ReadSide;
  /** PostGraphile's defaults: its named prepared statements get PostgreSQL's generic plan after five runs. */
  postgraphile: ReadSide;
  /** The same with plan_cache_mode = force_custom_plan on its connections. */
  postgraphileCustomPlans: ReadSide;
}

interface Row {
  id: string;
  status: string;
  code: string;
  lat: number;
  lng: number;
  createdAt: number;
}

export async function benchReads(o: BenchOptions, dbs: ScratchDatabases): Promise<ReadsResult> {
  const readsDb = await dbs.clone('reads');
  const servers: Server[] = [];
  try {
    console.error(`  reads: generating ${o.reports.toLocaleString('en')} reports…`);
    const database = await dbs.open(readsDb.name, 2);
    let boxes: ReadsResult['boxes'];
    try {
      await seedWorkload(database, { reports: o.reports, quiet: true, seed: 1 });
      // Visibility map set, statistics fresh: the state a database is in minutes after a load.
      await sql`vacuum analyze reports`.execute(database.db);
      boxes = [];
      for (const b of BBOXES) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from reports where geom && ST_MakeEnvelope(${b.bbox[0]}, ${b.bbox[1]}, ${b.bbox[2]}, ${b.bbox[3]}, 4326)`.execute(
          database.db,
        );
        boxes.push({ ...b, inBox: rows[0]!.n });
      }
    } finally {
      await database.close();
    }
    await applySql(readsDb.url, ['reports_lat.sql', 'reports_lng.sql', 'reports_in_bbox.sql']);

    const ours = await startGisApi(readsDb.url, 10);
    servers.push(ours);
    const oursSide = await load(ours, o, readsDb.name, oursBody);

    // PostGraphile as it comes, then with custom plans for its prepared statements (see the header).
    const postgraphileSides: ReadSide[] = [];
    for (const customPlans of [false, true]) {
      const postgraphile = await startPostGraphile(readsDb.url, 10, customPlans);
      servers.push(postgraphile);
      // Both must answer the same 100 reports, in the same order, with the same values.
      for (const { name, bbox } of BBOXES) {
        const a = await oursPage(ours.url, bbox);
        const b = await postgraphilePage(postgraphile.url, bbox);
        if (a.length !== 100 || JSON.stringify(a) !== JSON.stringify(b)) {
          throw new Error(
            `gis-api and PostGraphile disagree on ${name}: ${a.length} vs ${b.length} rows; first ${JSON.stringify(a[0])} vs ${JSON.stringify(b[0])}`,
          );
        }
      }
      postgraphileSides.push(await load(postgraphile, o, readsDb.name, postgraphileBody));
      await postgraphile.stop();
    }
    return {
      reports: o.reports,
      boxes,
      connections: o.connections,
      seconds: o.readSeconds,
      ours: oursSide,
      postgraphile: postgraphileSides[0]!,
      postgraphileCustomPlans: postgraphileSides[1]!,
    };
  } finally {
    for (const s of servers) await s.stop();
    await dbs.drop(readsDb.name);
  }
}

async function applySql(url: string, files: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const f of files) await client.query(fs.readFileSync(path.join(here, 'sql', f), 'utf8'));
  } finally {
    await client.end();
  }
}

async function load(
  server: Server,
  o: BenchOptions,
  database: string,
  body: (b: Bbox) => string,
): Promise<ReadSide> {
  let failures = 0;
  const requests = BBOXES.map(({ bbox }) => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    body: body(bbox),
    // GraphQL errors come with HTTP 200: a page that is not a page counts as a failure.
    onResponse: (status: number, text: string) => {
      if (status !== 200 || !text.startsWith('{"data":{') || text.includes('"errors"')) failures++;
    },
  }));
  const run = (duration: number) =>
    autocannon({ url: server.url, connections: o.connections, duration, requests, timeout: 30 });
  await run(WARM_UP_SECONDS);
  failures = 0;
  // The other server is idle meanwhile, so the database's busy backends are this one's.
  const backends = await backendPids(o.adminUrl, database);
  const cpu0 = cpuSeconds(server.pid);
  const pg0 = totalCpuSeconds(backends);
  const r: Result = await run(o.readSeconds);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    failures: failures + r.errors + r.timeouts + r.non2xx,
    cpuPercent: ((cpuSeconds(server.pid) - cpu0) / r.duration) * 100,
    pgCpuPercent: ((totalCpuSeconds(backends) - pg0) / r.duration) * 100,
  };
}

async function oursPage(url: string, bbox: Bbox): Promise<Row[]> {
  type Node = {
    id: string;
    status: string;
    category: { code: string };
    location: { lat: number; lng: number };
    createdAt: string;
  };
  const res = await gql<{ reports: { edges: Array<{ node: Node }> } }>(url, OURS, { bbox });
  if (!res.data) throw new Error(`gis-api: ${JSON.stringify(res.errors)}`);
  return res.data.reports.edges.map(({ node: n }) => ({
    id: n.id,
    status: n.status,
    code: n.category.code,
    lat: n.location.lat,
    lng: n.location.lng,
    createdAt: Date.parse(n.createdAt),
  }));
}

async function postgraphilePage(url: string, bbox: Bbox): Promise<Row[]> {
  type Node = {
    rowId: string;
    status: string;
    categoryByCategoryId: { code: string };
    lat: number;
    lng: number;
    createdAt: string;
  };
  const res = await gql<{ reportsInBbox: { edges: Array<{ node: Node }> } }>(url, POSTGRAPHILE, {
    minLng: bbox[0],
    minLat: bbox[1],
    maxLng: bbox[2],
    maxLat: bbox[3],
  });
  if (!res.data) throw new Error(`PostGraphile: ${JSON.stringify(res.errors)}`);
  return res.data.reportsInBbox.edges.map(({ node: n }) => ({
    id: String(n.rowId),
    status: n.status.toUpperCase(),
    code: n.categoryByCategoryId.code,
    lat: n.lat,
    lng: n.lng,
    createdAt: Date.parse(n.createdAt),
  }));
}
