// Part 1, submission: `submitReport` over HTTP to the real gis-api (validation, routing, SLA, H3, reporter,
// history, duplicate check, event — one transaction) against a plain single-row INSERT of the same rows
// with those values precomputed, through `pg`, with the same number of concurrent clients. Each side on
// a fresh clone of the seeded template.
import pg from 'pg';
import { closedLoop, type LoadResult } from './closed-loop.ts';
import type { BenchOptions } from './options.ts';
import type { ReportInput } from './report-inputs.ts';
import type { ScratchDatabases } from './scratch-databases.ts';
import { backendPids, cpuSeconds, gql, login, startGisApi, totalCpuSeconds } from './servers.ts';

/** Operations before measuring, on both sides: connections open, plans and caches warm. */
const WARM_UP = 200;

export interface SubmissionResult {
  insert: LoadResult;
  api: LoadResult;
  /** What gis-api's transactions wrote during its run, counted afterwards. */
  written: { reports: number; history: number; events: number; duplicateCandidates: number };
  /** % of one core: the gis-api process, and the PostgreSQL backends serving each side. */
  apiCpuPercent: number;
  apiPgCpuPercent: number;
  insertPgCpuPercent: number;
  clients: number;
}

const SUBMIT = `mutation S($input: SubmitReportInput!) { submitReport(input: $input) { id } }`;

const INSERT = `
  insert into reports (category_id, category_suggested, category_confidence, description, address, geom,
    admin_unit_id, unit_id, source, ack_due_at, resolve_due_at, idempotency_key, idempotency_fingerprint,
    h3_r6, h3_r7, h3_r8, h3_r9, h3_r10)
  values ($1, false, null, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7, 'hotline', $8, $9, null, null,
    $10, $11, $12, $13, $14)
  returning id`;

export async function benchSubmission(
  o: BenchOptions,
  dbs: ScratchDatabases,
  inputs: readonly ReportInput[],
): Promise<SubmissionResult> {
  const at = (i: number) => inputs[i % inputs.length]!;
  const plan = { clients: o.clients, seconds: o.submitSeconds, offset: WARM_UP };

  // Baseline: the same rows, one INSERT each, values precomputed.
  const insertDb = await dbs.clone('submit_insert');
  const pool = new pg.Pool({ connectionString: insertDb.url, max: o.clients });
  // A client still closing when the database is dropped hears "terminating connection": not a crash.
  pool.on('error', () => {});
  let insert: LoadResult;
  let insertPgCpuPercent: number;
  try {
    const one = async (i: number) => {
      const r = at(i);
      const now = Date.now();
      await pool.query(INSERT, [
        r.categoryId,
        r.description,
        r.address,
        r.lng,
        r.lat,
        r.adminUnitId,
        r.unitId,
        new Date(now + r.ackMinutes * 60_000),
        new Date(now + r.resolveMinutes * 60_000),
        r.cells.h3_r6,
        r.cells.h3_r7,
        r.cells.h3_r8,
        r.cells.h3_r9,
        r.cells.h3_r10,
      ]);
    };
    await closedLoop({ clients: o.clients, operations: WARM_UP }, one);
    console.error(`  submission: plain INSERT, ${o.clients} clients, ${o.submitSeconds} s…`);
    const backends = await backendPids(o.adminUrl, insertDb.name);
    const pg0 = totalCpuSeconds(backends);
    insert = await closedLoop(plan, one);
    insertPgCpuPercent = ((totalCpuSeconds(backends) - pg0) / insert.seconds) * 100;
  } finally {
    await pool.end();
    await dbs.drop(insertDb.name);
  }

  // Ours: the real API, as an operator taking a hotline call (staff are not rate-limited). Its pool
  // has one connection more than the baseline's: the event hub's LISTEN holds one for good.
  const apiDb = await dbs.clone('submit_api');
  const server = await startGisApi(apiDb.url, o.clients + 1);
  try {
    const token = await login(server.url, 'operator');
    const one = async (i: number) => {
      const r = at(i);
      const res = await gql<{ submitReport: { id: string } }>(
        server.url,
        SUBMIT,
        {
          input: {
            lat: r.lat,
            lng: r.lng,
            description: r.description,
            address: r.address,
            categoryCode: r.categoryCode,
            source: 'HOTLINE',
          },
        },
        token,
      );
      if (!res.data?.submitReport.id) throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.errors)}`);
    };
    await closedLoop({ clients: o.clients, operations: WARM_UP }, one);
    console.error(`  submission: gis-api submitReport, ${o.clients} clients, ${o.submitSeconds} s…`);
    const backends = await backendPids(o.adminUrl, apiDb.name);
    const cpu0 = cpuSeconds(server.pid);
    const pg0 = totalCpuSeconds(backends);
    const api = await closedLoop(plan, one);
    const apiCpuPercent = ((cpuSeconds(server.pid) - cpu0) / api.seconds) * 100;
    const apiPgCpuPercent = ((totalCpuSeconds(backends) - pg0) / api.seconds) * 100;
    const database = await dbs.open(apiDb.name, 1);
    const written = await database.db
      .selectNoFrom((eb) => [
        eb.selectFrom('reports').select(eb.fn.countAll<string>().as('n')).as('reports'),
        eb.selectFrom('report_events').select(eb.fn.countAll<string>().as('n')).as('history'),
        eb
          .selectFrom('events')
          .select(eb.fn.countAll<string>().as('n'))
          .where('topic', '=', 'report')
          .as('events'),
        eb
          .selectFrom('report_duplicate_candidates')
          .select(eb.fn.countAll<string>().as('n'))
          .as('duplicateCandidates'),
      ])
      .executeTakeFirstOrThrow()
      .finally(() => database.close());
    return {
      insert,
      api,
      written: {
        reports: Number(written.reports),
        history: Number(written.history),
        events: Number(written.events),
        duplicateCandidates: Number(written.duplicateCandidates),
      },
      apiCpuPercent,
      apiPgCpuPercent,
      insertPgCpuPercent,
      clients: o.clients,
    };
  } finally {
    await server.stop();
    await dbs.drop(apiDb.name);
  }
}
