// Helpers for the analytics suites: tokens per role, precise synthetic reports (bulk insert with
// their H3 cells), and running a query as a role.
import { cellToParent, latLngToCell } from 'h3-js';
import { sql } from 'kysely';
import type { Database } from '@ioc/sql';
import { cellToStored } from '../../src/analytics/cells.ts';
import type { ApiServer, GraphQLResponse } from './api-server.ts';

export type Role = 'public' | 'citizen' | 'officer' | 'operator' | 'leader' | 'admin';

/** The seed's demo users (fixed passwords in tests: `<username>-demo-pass`). */
const USERNAMES: Record<Exclude<Role, 'public'>, string> = {
  citizen: 'citizen',
  officer: 'officer.hoankiem',
  operator: 'operator',
  leader: 'leader',
  admin: 'admin',
};

export async function tokens(server: ApiServer): Promise<Record<Role, string | undefined>> {
  const out: Record<Role, string | undefined> = {
    public: undefined,
    citizen: undefined,
    officer: undefined,
    operator: undefined,
    leader: undefined,
    admin: undefined,
  };
  for (const [role, username] of Object.entries(USERNAMES) as Array<[Exclude<Role, 'public'>, string]>) {
    const res = await server.gql<{ login: { token: string } }>(
      'mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: username, p: `${username}-demo-pass` },
    );
    if (!res.data) throw new Error(`login ${username}: ${JSON.stringify(res.errors)}`);
    out[role] = res.data.login.token;
  }
  return out;
}

/** Runs `query` and returns its data, failing with the errors when there are any. */
export async function data<T>(
  server: ApiServer,
  query: string,
  variables: Record<string, unknown>,
  token: string | undefined,
): Promise<T> {
  const res: GraphQLResponse<T> = await server.gql<T>(query, variables, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}

export interface SyntheticReport {
  lat: number;
  lng: number;
  createdAt: Date;
  categoryCode: string;
  status?: string;
  unitId?: number | null;
}

/** Inserts reports exactly as given (source 'import'), with their H3 cells; returns their ids. */
export async function insertReports(database: Database, reports: SyntheticReport[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < reports.length; start += 5000) {
    const batch = reports.slice(start, start + 5000);
    const cells = batch.map((r) => latLngToCell(r.lat, r.lng, 10));
    const col = (res: number) => cells.map((c) => cellToStored(res === 10 ? c : cellToParent(c, res)));
    const { rows } = await sql<{ id: string }>`
      insert into reports (category_id, description, geom, status, source, created_at, updated_at,
        ack_due_at, resolve_due_at, unit_id, h3_r6, h3_r7, h3_r8, h3_r9, h3_r10)
      select c.id, 'synthetic', ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326), t.status::report_status, 'import',
        t.created_at, t.created_at, t.created_at + interval '1 day', t.created_at + interval '7 days', t.unit_id,
        t.r6, t.r7, t.r8, t.r9, t.r10
      from unnest(${batch.map((r) => r.lat)}::float8[], ${batch.map((r) => r.lng)}::float8[],
        ${batch.map((r) => r.createdAt.toISOString())}::timestamptz[], ${batch.map((r) => r.categoryCode)}::text[],
        ${batch.map((r) => r.status ?? 'new')}::text[], ${batch.map((r) => r.unitId ?? null)}::int[],
        ${col(6)}::bigint[], ${col(7)}::bigint[], ${col(8)}::bigint[], ${col(9)}::bigint[], ${col(10)}::bigint[])
        as t(lat, lng, created_at, code, status, unit_id, r6, r7, r8, r9, r10)
      join categories c on c.code = t.code
      returning id`.execute(database.db);
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}
