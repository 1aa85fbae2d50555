// The servers under test, each a process of its own on 127.0.0.1 and a free port: the real standalone
// gis-api (the tests' launcher) and PostGraphile 5. Every one started is stopped by stopAll().
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { startGisApiProcess } from '../../gis-api/test/support/gis-api-process.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const BENCH_AUTH_SECRET = 'bench-secret-that-is-at-least-32-characters-long';

export interface Server {
  readonly pid: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  stop(): Promise<void>;
}

const running = new Set<Server>();
let profileDir: string | undefined;

/** From now on, servers write a V8 CPU profile into `dir` when they stop. */
export function profileServersInto(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  profileDir = dir;
}
const profiling = (): Record<string, string> =>
  profileDir
    ? {
        NODE_OPTIONS: `--import=${pathToFileURL(path.join(here, 'cpu-profiler.mjs')).href}`,
        IOC_BENCH_PROFILE_DIR: profileDir,
      }
    : {};

/** Stops every server still running (the run's finally, and signals). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

/** Last resort on process exit: no server outlives the benchmark. */
export function killAllNow(): void {
  for (const s of running) {
    try {
      process.kill(s.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * gis-api as deployed (NODE_ENV=production), with the SLA clock off so that only the benchmark's
 * submissions write, and a pool of `poolSize` connections.
 */
export async function startGisApi(
  databaseUrl: string,
  poolSize: number,
): Promise<Server & { wsUrl: string }> {
  const proc = await startGisApiProcess({
    DATABASE_URL: databaseUrl,
    DB_POOL_SIZE: String(poolSize),
    NODE_ENV: 'production',
    AUTH_SECRET: BENCH_AUTH_SECRET,
    SLA_CLOCK_INTERVAL_MS: '0',
    ...profiling(),
  });
  const server = {
    pid: proc.pid,
    url: proc.url,
    wsUrl: proc.wsUrl,
    stop: async () => {
      running.delete(server);
      await proc.stop();
    },
  };
  running.add(server);
  return server;
}

/**
 * PostGraphile 5 in production mode; its start-up warnings (types it cannot map) go to a log file.
 * `customPlans` sets plan_cache_mode = force_custom_plan on its connections.
 */
export async function startPostGraphile(
  databaseUrl: string,
  poolSize: number,
  customPlans = false,
): Promise<Server> {
  const log = path.join(os.tmpdir(), `ioc-bench-postgraphile-${process.pid}.log`);
  const logFd = fs.openSync(log, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'postgraphile-server.ts')], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DB_POOL_SIZE: String(poolSize),
      ...(customPlans ? { PG_CUSTOM_PLANS: '1' } : {}),
      ...profiling(),
    },
    stdio: ['ignore', 'pipe', logFd],
  });
  fs.closeSync(logFd);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`PostGraphile did not start within 60 s; see ${log}`)),
      60_000,
    );
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`PostGraphile exited with ${code} before listening; see ${log}`));
    });
  }).catch(async (err: unknown) => {
    await stopChild(child);
    throw err;
  });
  const server: Server = {
    pid: child.pid!,
    url,
    stop: async () => {
      running.delete(server);
      await stopChild(child);
      fs.rmSync(log, { force: true });
    },
  };
  running.add(server);
  return server;
}

async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

export interface GraphQLResult<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export async function gql<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<GraphQLResult<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

/** A bearer token for one of the seeded demo users (fixed passwords: `<username>-demo-pass`). */
export async function login(url: string, username: string): Promise<string> {
  const res = await gql<{ login: { token: string } }>(
    url,
    'mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
    { u: username, p: `${username}-demo-pass` },
  );
  const token = res.data?.login.token;
  if (!token) throw new Error(`login as ${username} failed: ${JSON.stringify(res.errors)}`);
  return token;
}

/** The server processes (backends) PostgreSQL runs for connections to one database, to count their CPU. */
export async function backendPids(adminUrl: string, database: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

export function totalCpuSeconds(pids: readonly number[]): number {
  return pids.reduce((a, pid) => a + (cpuSeconds(pid) || 0), 0);
}
