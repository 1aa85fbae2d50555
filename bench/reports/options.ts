// The reports benchmark's settings: command-line flags and DATABASE_URL, read once, validated, frozen.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DATABASE_URL } from '../machine.ts';

export type Part = 'submit' | 'live' | 'reads';
const PARTS: readonly Part[] = ['submit', 'live', 'reads'];

export interface BenchOptions {
  /** A PostgreSQL + PostGIS server on which scratch databases may be created (DATABASE_URL). */
  readonly adminUrl: string;
  readonly parts: readonly Part[];
  /** Submission: concurrent clients (and pool size on both sides), seconds per side. */
  readonly clients: number;
  readonly submitSeconds: number;
  /** Live events: subscribers, the client processes they are spread over, reports per second, seconds. */
  readonly subscribers: number;
  readonly subscriberProcs: number;
  readonly rate: number;
  readonly liveSeconds: number;
  /** Reads: generated reports in the database, autocannon connections, seconds per side. */
  readonly reports: number;
  readonly connections: number;
  readonly readSeconds: number;
  /** Write V8 CPU profiles of the servers under test here (node --cpu-prof), to see where their time goes. */
  readonly profileDir: string | undefined;
  /** Set by bench/run.ts, which prints the machine itself. */
  readonly underRunner: boolean;
}

export class OptionsError extends Error {
  override name = 'OptionsError';
}

export function readOptions(
  argv = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): BenchOptions {
  // Not strict: under bench/run.ts every suite gets every flag, and the other suites' are not ours.
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      only: { type: 'string' },
      clients: { type: 'string' },
      'submit-seconds': { type: 'string' },
      subscribers: { type: 'string' },
      'subscriber-procs': { type: 'string' },
      rate: { type: 'string' },
      'live-seconds': { type: 'string' },
      reports: { type: 'string' },
      connections: { type: 'string' },
      'read-seconds': { type: 'string' },
      profile: { type: 'string' },
    },
  });
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (typeof raw !== 'string' || !Number.isInteger(n) || n < min || n > max) {
      problems.push(`--${name} must be a whole number from ${min} to ${max} (got "${String(raw)}")`);
      return fallback;
    }
    return n;
  };
  const only = typeof values.only === 'string' ? values.only.split(',').map((p) => p.trim()) : [...PARTS];
  for (const p of only) {
    if (!PARTS.includes(p as Part)) problems.push(`--only takes ${PARTS.join(', ')} (got "${p}")`);
  }
  const adminUrl = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (!/^postgres(ql)?:\/\//.test(adminUrl)) problems.push('DATABASE_URL must start with postgres://');
  const options: BenchOptions = {
    adminUrl,
    parts: PARTS.filter((p) => only.includes(p)),
    clients: int('clients', 10, 1, 200),
    submitSeconds: int('submit-seconds', 20, 1, 600),
    subscribers: int('subscribers', 1000, 1, 20_000),
    subscriberProcs: int('subscriber-procs', 2, 1, 32),
    rate: int('rate', 100, 1, 10_000),
    liveSeconds: int('live-seconds', 30, 1, 600),
    reports: int('reports', 100_000, 0, 5_000_000),
    connections: int('connections', 10, 1, 1000),
    readSeconds: int('read-seconds', 20, 1, 600),
    profileDir: typeof values.profile === 'string' ? path.resolve(values.profile) : undefined,
    underRunner: env.IOC_BENCH_RUNNER === '1',
  };
  if (problems.length > 0) throw new OptionsError(`Invalid options: ${problems.join('; ')}`);
  return Object.freeze(options);
}
