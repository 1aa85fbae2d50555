// Analytics benchmark (on demand, not in CI): hexbins, hotspots and unit scorecards through the real
// services against a PostgreSQL + PostGIS database holding the 1,000,000-report workload, side by side
// with the PostGIS-native way of binning the same points into hexagons (ST_HexagonGrid joined to them).
//
//   npx tsx bench/analytics/run.ts [--runs 15]        (or: npm run bench -- analytics)
//
// The database is ANALYTICS_BENCH_URL, default postgres://postgres@127.0.0.1:5432/ioc_bench_analytics:
//   psql -h 127.0.0.1 -U postgres -c 'create database ioc_bench_analytics'
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/ioc_bench_analytics npm run seed -- --reports 1000000
//   psql -h 127.0.0.1 -U postgres -d ioc_bench_analytics -c 'vacuum analyze reports'
// (migrated, and vacuumed after the load: the covering indexes answer from the index alone only once
// the visibility map is set; autovacuum gets there in time).
// "Now" is pinned to just after the newest report, so the windows hold the same reports on every run.
// Prints a Markdown section for bench/RESULTS.md.
import { sql } from 'kysely';
import { openDatabase, readDatabaseConfig } from '@ioc/sql';
import { describeMachine, loadLine, machineLine } from '../machine.ts';
import { createAnalytics } from '../../gis-api/src/analytics/analytics.ts';
import type { User } from '../../gis-api/src/users/user.repository.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 15);
const DAY = 86_400_000;
/** The edge (m) of a regular hexagon as large as H3 resolution 8's average cell (0.7373 km²). */
const R8_EDGE_M = Math.sqrt((2 * 737_327.598) / (3 * Math.sqrt(3)));

const url = process.env.ANALYTICS_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/ioc_bench_analytics';
const database = await openDatabase(readDatabaseConfig({ DATABASE_URL: url }));
const { db } = database;
try {
  const facts = (
    await sql<{ n: string; newest: Date; heap: string; idx: string }>`
      select count(*)::text as n, max(created_at) as newest, pg_size_pretty(pg_relation_size('reports')) as heap,
        pg_size_pretty(pg_relation_size('reports_analytics_idx')) as idx
      from reports`.execute(db)
  ).rows[0]!;
  if (Number(facts.n) < 1_000_000)
    console.error(`Only ${facts.n} reports in ${url}: load 1,000,000 (see the top of this file)`);
  const now = new Date(facts.newest.getTime() + 60_000);
  const analytics = createAnalytics(
    db,
    () => Promise.reject(new Error('no events in the benchmark')),
    () => now,
  );
  const leader = {
    id: 0,
    username: 'bench',
    displayName: 'bench',
    role: 'leader',
    unitId: null,
    disabled: false,
  } as User;
  const since30 = new Date(now.getTime() - 30 * DAY).toISOString();
  const since90 = new Date(now.getTime() - 90 * DAY).toISOString();

  const results: Array<{ what: string; target: string; ms: number[]; note: string }> = [];
  const time = async (what: string, target: string, fn: () => Promise<string>, runs = RUNS) => {
    let note = await fn(); // warm-up (caches, plans)
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      note = await fn();
      ms.push(performance.now() - t);
    }
    results.push({ what, target, ms, note });
    console.error(`${what}: median ${median(ms).toFixed(1)} ms (${note})`);
  };

  await time('hexbins r8, 30 days (IOC: GROUP BY h3_r8, index-only)', '< 150 ms', async () => {
    const m = await analytics.hexbins.hexbins(leader, {
      resolution: 8,
      filter: { since: since30, until: now.toISOString() },
    });
    return `${m.cells.length} cells, ${m.total} reports, all metrics`;
  });
  // The native way at its best: hexagons of the same area in metres (UTM 48N), brought back to WGS 84
  // and joined to the points through their GiST index, over the extent of the same points.
  await time(
    'PostGIS-native: ST_HexagonGrid (same cell area, UTM 48N) joined to the same points (GiST)',
    'reference',
    async () => {
      const { rows } = await sql<{ cells: number; total: number }>`
        with window_points as (
          select geom from reports
          where created_at >= ${since30}::timestamptz and created_at < ${now.toISOString()}::timestamptz
        ), grid as (
          select h.i, h.j, ST_Transform(h.geom, 4326) as geom
          from ST_HexagonGrid(${R8_EDGE_M}, (select ST_Transform(ST_SetSRID(ST_Extent(geom), 4326), 32648) from window_points)) h
        ), bins as (
          select grid.i, grid.j, count(*) as n
          from grid join reports r on ST_Intersects(grid.geom, r.geom)
          where r.created_at >= ${since30}::timestamptz and r.created_at < ${now.toISOString()}::timestamptz
          group by 1, 2
        )
        select count(*)::int as cells, sum(n)::int as total from bins`.execute(db);
      return `${rows[0]!.cells} cells, ${rows[0]!.total} reports, counts only`;
    },
    3,
  );
  await time('hotspots r8 (7 days vs 28 before, rings 1)', '< 500 ms', async () => {
    const h = await analytics.hotspots.hotspots(leader, { resolution: 8 });
    return `${h.tested} cells tested, ${h.hotspots.length} hotspots`;
  });
  await time('emergingHotspots r8 (4 × 7 days, rings 1)', '—', async () => {
    const e = await analytics.hotspots.emergingHotspots(leader, { resolution: 8 });
    return `${e.tested} cells tested, ${e.hotspots.length} emerging`;
  });
  await time('unitScorecards, 90 days', '< 300 ms', async () => {
    const s = await analytics.scorecards.unitScorecards(leader, {
      period: { since: since90, until: now.toISOString() },
    });
    return `${s.units.length} units, ${s.units.reduce((a, u) => a + u.received, 0)} reports, exact median/p90`;
  });
  await time('adminUnitStats level 2, 30 days', '—', async () => {
    const a = await analytics.areas.adminUnitStats(leader, {
      level: 2,
      period: { since: since30, until: now.toISOString() },
    });
    return `${a.units.length} districts`;
  });

  const hex = median(results[0]!.ms);
  const native = median(results[1]!.ms);
  const lines = [
    ...(process.env.IOC_BENCH_RUNNER ? [] : [machineLine(await describeMachine(url))]),
    `Load average at the end: ${loadLine()}.`,
    `Data: ${Number(facts.n).toLocaleString('en')} reports (\`npm run seed -- --reports 1000000\`), heap ${facts.heap}, reports_analytics_idx ${facts.idx}; now = ${now.toISOString()}. ${RUNS} timed runs after one warm-up (3 for ST_HexagonGrid); service-level times (SQL + statistics + JSON-ready objects).`,
    '',
    '| query | target | median ms | p90 ms | result |',
    '|---|---|---:|---:|---|',
    ...results.map(
      (r) =>
        `| ${r.what} | ${r.target} | ${median(r.ms).toFixed(1)} | ${quantile(r.ms, 0.9).toFixed(1)} | ${r.note} |`,
    ),
    '',
    `hexbins vs ST_HexagonGrid: **${(native / hex).toFixed(1)}× faster** (target ≥ 10×).`,
  ];
  console.log(lines.join('\n'));
} finally {
  await database.close();
}

function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = p * (s.length - 1);
  return s[Math.floor(h)]! + (h - Math.floor(h)) * (s[Math.ceil(h)]! - s[Math.floor(h)]!);
}
