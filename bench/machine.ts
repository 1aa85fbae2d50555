// One line describing where a benchmark ran — cores, RAM, Node, PostgreSQL + PostGIS, load — shared by every suite.
import os from 'node:os';
import pg from 'pg';

/** The PostgreSQL server the benchmarks use unless DATABASE_URL says otherwise (the tests' default too). */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Machine {
  cores: number;
  cpu: string;
  ramGb: number;
  node: string;
  postgres: string;
  postgis: string;
  os: string;
}

export async function describeMachine(databaseUrl: string): Promise<Machine> {
  let postgres = 'unreachable';
  let postgis = 'unknown';
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ pg: string; postgis: string | null }>(
      `select current_setting('server_version') as pg,
        (select default_version from pg_available_extensions where name = 'postgis') as postgis`,
    );
    postgres = rows[0]!.pg;
    postgis = rows[0]!.postgis ?? 'not installed';
  } catch {
    // Described as unreachable; the suite that needs it will say why.
  } finally {
    await client.end().catch(() => {});
  }
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    ramGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    postgis,
    os: `${os.type()} ${os.release()}`,
  };
}

export function machineLine(m: Machine): string {
  return `Machine: ${m.cores} × ${m.cpu}, ${m.ramGb} GB RAM, Node ${m.node}, PostgreSQL ${m.postgres} + PostGIS ${m.postgis}, ${m.os}.`;
}

/** The 1/5/15-minute load averages: other work on the same cores shows here. */
export function loadLine(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}
