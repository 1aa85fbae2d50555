// Shared pieces of the report suites: the GraphQL documents, tokens per role (and a second citizen),
// row counts to prove nothing was written, and submit/step helpers.
import { sql } from 'kysely';
import { hashPassword } from '@ioc/sql';
import type { TestDatabase } from '@ioc/sql/testing';
import type { ApiServer, GraphQLResponse } from './api-server.ts';

/** A point in Hoàn Kiếm (served by UBND-002 for 'khac', by HN-URENCO for 'rac-thai'). */
export const HOAN_KIEM = { lat: 21.0287, lng: 105.8522 } as const;

/** Every role of the permission matrix; 'public' is anonymous. */
export type Actor =
  | 'public'
  | 'citizen'
  | 'otherCitizen'
  | 'officerOfUnit'
  | 'officerOfOtherUnit'
  | 'operator'
  | 'leader'
  | 'admin';

export const REPORT_FIELDS = `
  id status source description address categorySuggested categoryConfidence reopenCount
  createdAt updatedAt ackDueAt resolveDueAt acknowledgedAt startedAt resolvedAt closedAt ratedAt
  ackOverdue resolveOverdue rating ratingComment rejectReason viewerActions
  location { lat lng }
  category { code } unit { id code } adminUnit { name }
  duplicateOf { id }
  reporter { name phone email userId }
  history { action fromStatus toStatus note rejectReason rating by { role name } unit { code } }
`;

export const SUBMIT = `mutation Submit($input: SubmitReportInput!) { submitReport(input: $input) { ${REPORT_FIELDS} } }`;
export const REPORT = `query R($id: ID!) { report(id: $id) { ${REPORT_FIELDS} } }`;

export interface ReportView {
  id: string;
  status: string;
  source: string;
  description: string;
  categorySuggested: boolean;
  categoryConfidence: number | null;
  reopenCount: number;
  ackDueAt: string;
  resolveDueAt: string;
  createdAt: string;
  acknowledgedAt: string | null;
  startedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  rating: string | null;
  ratingComment: string | null;
  rejectReason: string | null;
  viewerActions: string[];
  location: { lat: number; lng: number };
  category: { code: string };
  unit: { id: string; code: string } | null;
  adminUnit: { name: string } | null;
  duplicateOf: { id: string } | null;
  reporter: { name: string | null; phone: string | null; email: string | null; userId: string | null } | null;
  history: Array<{
    action: string;
    fromStatus: string | null;
    toStatus: string | null;
    note: string | null;
    by: { role: string | null; name: string | null };
    unit: { code: string } | null;
  }>;
}

const LOGIN = 'mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

/** Creates the extra user the matrix needs: a second citizen. */
export async function addMatrixUsers(database: TestDatabase): Promise<void> {
  const hash = await hashPassword('other-citizen-demo-pass');
  await sql`
    insert into users (username, display_name, role, password_hash)
    values ('other.citizen', 'Lê Văn Khác', 'citizen', ${hash})`.execute(database.db);
}

const USERNAMES: Record<Exclude<Actor, 'public'>, [string, string]> = {
  citizen: ['citizen', 'citizen-demo-pass'],
  otherCitizen: ['other.citizen', 'other-citizen-demo-pass'],
  officerOfUnit: ['officer.hoankiem', 'officer.hoankiem-demo-pass'],
  officerOfOtherUnit: ['officer.urenco', 'officer.urenco-demo-pass'],
  operator: ['operator', 'operator-demo-pass'],
  leader: ['leader', 'leader-demo-pass'],
  admin: ['admin', 'admin-demo-pass'],
};

/** Bearer tokens for every actor (undefined for public). Needs addMatrixUsers first. */
export async function loginAll(server: ApiServer): Promise<Record<Actor, string | undefined>> {
  const tokens = { public: undefined } as Record<Actor, string | undefined>;
  for (const [actor, [u, p]] of Object.entries(USERNAMES)) {
    const res = await server.gql<{ login: { token: string } }>(LOGIN, { u, p });
    if (!res.data) throw new Error(`login ${u} failed: ${JSON.stringify(res.errors)}`);
    tokens[actor as Actor] = res.data.login.token;
  }
  return tokens;
}

export function submitInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...HOAN_KIEM,
    description: 'Rác thải tập kết bừa bãi trên vỉa hè phố Hàng Bài',
    categoryCode: 'khac',
    ...over,
  };
}

export async function submit(
  server: ApiServer,
  token: string | undefined,
  over: Record<string, unknown> = {},
): Promise<ReportView> {
  const res = await server.gql<{ submitReport: ReportView }>(SUBMIT, { input: submitInput(over) }, token);
  if (!res.data?.submitReport) throw new Error(`submit failed: ${JSON.stringify(res.errors)}`);
  return res.data.submitReport;
}

/** Runs a workflow mutation by name with its arguments; answers the raw response. */
export function act(
  server: ApiServer,
  token: string | undefined,
  mutation: string,
  args: Record<string, unknown>,
): Promise<GraphQLResponse<Record<string, { id: string; status: string }>>> {
  const decl = Object.entries(args)
    .map(([k]) => `$${k}: ${OVERRIDES[`${mutation}.${k}`] ?? ARG_TYPES[k]}`)
    .join(', ');
  const pass = Object.keys(args)
    .map((k) => `${k}: $${k}`)
    .join(', ');
  return server.gql(`mutation Act(${decl}) { ${mutation}(${pass}) { id status } }`, args, token);
}

const OVERRIDES: Record<string, string> = {
  'rejectReport.reason': 'RejectReason!',
  'resolveReport.note': 'String!',
};
const ARG_TYPES: Record<string, string> = {
  id: 'ID!',
  intoId: 'ID!',
  unitId: 'ID!',
  reason: 'String!',
  note: 'String',
  mediaIds: '[ID!]',
  rating: 'ReportRating!',
  comment: 'String',
};

/** Rows in every table a submission or a step writes to, to prove a refusal wrote nothing. */
export interface RowCounts {
  reports: number;
  reporters: number;
  history: number;
  candidates: number;
  events: number;
}

export async function rowCounts(database: TestDatabase): Promise<RowCounts> {
  const { rows } = await sql<RowCounts>`
    select (select count(*)::int from reports) as reports,
           (select count(*)::int from report_reporters) as reporters,
           (select count(*)::int from report_events) as history,
           (select count(*)::int from report_duplicate_candidates) as candidates,
           (select count(*)::int from events) as events`.execute(database.db);
  return rows[0]!;
}

export async function unitIdOf(database: TestDatabase, code: string): Promise<string> {
  const row = await database.db
    .selectFrom('units')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return String(row.id);
}
