// The report lifecycle over real HTTP: the happy path, every transition the state machine refuses, and
// who may take each step (operation × role), each refusal leaving the database as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { TRANSITIONS, WORKFLOW, type Transition } from '../src/reports/report-workflow.ts';
import type { ReportStatus } from '@ioc/sql';
import { startApiServer, type ApiServer } from './support/api-server.ts';
import {
  REPORT,
  act,
  addMatrixUsers,
  loginAll,
  rowCounts,
  submit,
  unitIdOf,
  type Actor,
  type ReportView,
} from './support/report-fixtures.ts';

let database: TestDatabase;
let server: ApiServer;
let tokens: Record<Actor, string | undefined>;
let urencoId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await addMatrixUsers(database);
  server = await startApiServer(database, { REPORT_RATE_BURST: '100000', LOGIN_RATE_BURST: '1000' });
  tokens = await loginAll(server);
  urencoId = await unitIdOf(database, 'HN-URENCO');
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

const MUTATION: Record<Transition, string> = {
  acknowledge: 'acknowledgeReport',
  assign: 'assignReport',
  merge: 'mergeReport',
  reject: 'rejectReport',
  start: 'startReport',
  resolve: 'resolveReport',
  rate: 'rateReport',
  reopen: 'reopenReport',
};

/** Arguments of each step besides the id (merge's target is made per case). */
function argsOf(t: Transition, target?: string): Record<string, unknown> {
  switch (t) {
    case 'assign':
      return { unitId: urencoId, reason: 'Thuộc trách nhiệm URENCO' };
    case 'merge':
      return { intoId: target };
    case 'reject':
      return { reason: 'NOT_A_REAL_ISSUE', note: 'Đã kiểm tra, không có rác' };
    case 'resolve':
      return { note: 'Đã thu gom xong' };
    case 'rate':
      return { rating: 'SATISFIED', comment: 'Cảm ơn' };
    case 'reopen':
      return { reason: 'Rác lại xuất hiện' };
    default:
      return {};
  }
}

async function step(token: string | undefined, t: Transition, id: string, target?: string) {
  return act(server, token, MUTATION[t], { id, ...argsOf(t, target) });
}

async function ok(token: string | undefined, t: Transition, id: string, target?: string) {
  const res = await step(token, t, id, target);
  expect(res.errors, `${t} ${id}`).toBeUndefined();
  return res.data![MUTATION[t]]!;
}

/** A new report by the demo citizen, walked to `status` through the API. */
async function reportIn(status: ReportStatus): Promise<string> {
  const { id } = await submit(server, tokens.citizen);
  const op = tokens.operator;
  if (status === 'new') return id;
  if (status === 'rejected') return (await ok(op, 'reject', id), id);
  if (status === 'duplicate') {
    const original = await submit(server, tokens.citizen);
    await ok(op, 'merge', id, original.id);
    return id;
  }
  await ok(op, 'acknowledge', id);
  if (status === 'acknowledged') return id;
  await ok(tokens.officerOfUnit, 'start', id);
  if (status === 'in_progress') return id;
  await ok(tokens.officerOfUnit, 'resolve', id);
  if (status === 'resolved') return id;
  await ok(tokens.citizen, 'rate', id);
  return id;
}

async function view(id: string, token = tokens.operator): Promise<ReportView> {
  const res = await server.gql<{ report: ReportView }>(REPORT, { id }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.report;
}

describe('the happy path', () => {
  it('a report goes from submission through acknowledgement, work, resolution and rating to closed', async () => {
    const submitted = await submit(server, tokens.citizen, {
      contact: { name: 'Nguyễn Văn Dân', phone: '0901234567' },
    });
    expect(submitted).toMatchObject({
      status: 'NEW',
      source: 'WEB',
      category: { code: 'khac' },
      unit: { code: 'UBND-002' },
      adminUnit: { name: 'Quận Hoàn Kiếm' },
      location: { lat: 21.0287, lng: 105.8522 },
      reporter: { name: 'Nguyễn Văn Dân', phone: '0901234567' },
      viewerActions: [],
    });
    // 'khac' gives 8 h to acknowledge and 7 days to resolve.
    const created = Date.parse(submitted.createdAt);
    expect(Date.parse(submitted.ackDueAt) - created).toBe(8 * 3600_000);
    expect(Date.parse(submitted.resolveDueAt) - created).toBe(7 * 86_400_000);
    const id = submitted.id;

    expect((await view(id)).viewerActions).toEqual(['ACKNOWLEDGE', 'ASSIGN', 'MERGE', 'REJECT']);
    expect(await ok(tokens.operator, 'acknowledge', id)).toEqual({ id, status: 'ACKNOWLEDGED' });
    expect((await view(id, tokens.officerOfUnit)).viewerActions).toEqual(['START']);
    expect(await ok(tokens.officerOfUnit, 'start', id)).toEqual({ id, status: 'IN_PROGRESS' });
    expect(await ok(tokens.officerOfUnit, 'resolve', id)).toEqual({ id, status: 'RESOLVED' });
    expect((await view(id, tokens.citizen)).viewerActions).toEqual(['RATE', 'REOPEN']);
    const rated = await act(server, tokens.citizen, 'rateReport', {
      id,
      rating: 'UNSATISFIED',
      comment: 'Chưa sạch',
    });
    expect(rated.data?.rateReport).toEqual({ id, status: 'RESOLVED' });
    expect(await ok(tokens.citizen, 'reopen', id)).toEqual({ id, status: 'IN_PROGRESS' });
    expect(await ok(tokens.officerOfUnit, 'resolve', id)).toEqual({ id, status: 'RESOLVED' });
    expect(await ok(tokens.citizen, 'rate', id)).toEqual({ id, status: 'CLOSED' });

    const final = await view(id);
    expect(final).toMatchObject({
      status: 'CLOSED',
      rating: 'SATISFIED',
      ratingComment: 'Cảm ơn',
      reopenCount: 1,
    });
    expect(final.acknowledgedAt && final.startedAt && final.resolvedAt && final.closedAt).toBeTruthy();
    expect(final.history.map((h) => [h.action, h.fromStatus, h.toStatus, h.by.role])).toEqual([
      ['SUBMITTED', null, 'NEW', 'CITIZEN'],
      ['ACKNOWLEDGED', 'NEW', 'ACKNOWLEDGED', 'OPERATOR'],
      ['STARTED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'OFFICER'],
      ['RESOLVED', 'IN_PROGRESS', 'RESOLVED', 'OFFICER'],
      ['RATED', 'RESOLVED', 'RESOLVED', 'CITIZEN'],
      ['REOPENED', 'RESOLVED', 'IN_PROGRESS', 'CITIZEN'],
      ['RESOLVED', 'IN_PROGRESS', 'RESOLVED', 'OFFICER'],
      ['RATED', 'RESOLVED', 'CLOSED', 'CITIZEN'],
    ]);
    expect(final.history[2]!.by.name).toBe('Cán bộ UBND quận Hoàn Kiếm');
    expect(final.history[5]!.note).toBe('Rác lại xuất hiện');

    const events = await database.db
      .selectFrom('events')
      .select(['type', 'visibility', 'unit_id', 'owner_user_id', 'payload'])
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'report.submitted',
      'report.acknowledged',
      'report.started',
      'report.resolved',
      'report.rated',
      'report.reopened',
      'report.resolved',
      'report.rated',
    ]);
    expect(
      events.every((e) => e.visibility === 'public' && e.owner_user_id !== null && e.unit_id !== null),
    ).toBe(true);
    expect(Object.keys(events[0]!.payload as object).sort()).toEqual(
      [
        'id',
        'action',
        'status',
        'categoryCode',
        'unitId',
        'adminUnitId',
        'lat',
        'lng',
        'createdAt',
        'ackDueAt',
        'resolveDueAt',
      ].sort(),
    );
  });

  it('an operator assigns a report to another unit with a reason, which acknowledges it', async () => {
    const { id } = await submit(server, tokens.citizen);
    const res = await act(server, tokens.operator, 'assignReport', {
      id,
      unitId: urencoId,
      reason: 'Rác: URENCO',
    });
    expect(res.data?.assignReport).toEqual({ id, status: 'ACKNOWLEDGED' });
    const after = await view(id);
    expect(after.unit?.code).toBe('HN-URENCO');
    expect(after.history.at(-1)).toMatchObject({
      action: 'ASSIGNED',
      note: 'Rác: URENCO',
      unit: { code: 'HN-URENCO' },
    });
    // Now the URENCO officer handles it and Hoàn Kiếm's may not.
    expect((await step(tokens.officerOfUnit, 'start', id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await ok(tokens.officerOfOtherUnit, 'start', id)).toEqual({ id, status: 'IN_PROGRESS' });
  });

  it('assigning needs a reason and a real, different unit', async () => {
    const { id } = await submit(server, tokens.citizen);
    const ubnd = await unitIdOf(database, 'UBND-002');
    for (const [args, message] of [
      [{ unitId: urencoId, reason: '   ' }, 'reason must not be empty'],
      [{ unitId: '999999', reason: 'x' }, 'Unit 999999 does not exist or is inactive'],
      [{ unitId: ubnd, reason: 'x' }, `Report ${id} is already assigned to unit ${ubnd}`],
    ] as const) {
      const res = await act(server, tokens.operator, 'assignReport', { id, ...args });
      expect(res.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    }
  });

  it('merging marks the duplicate and settles its candidates; into itself, a duplicate or another category is refused', async () => {
    const original = await submit(server, tokens.citizen);
    const dup = await submit(server, tokens.citizen);
    const candidates = await database.db
      .selectFrom('report_duplicate_candidates')
      .select(['candidate_id', 'distance_m', 'dismissed_at'])
      .where('report_id', '=', dup.id)
      .execute();
    expect(candidates.map((c) => c.candidate_id)).toContain(original.id);
    expect(candidates.every((c) => c.distance_m < 1 && c.dismissed_at === null)).toBe(true);

    const self = await act(server, tokens.operator, 'mergeReport', { id: dup.id, intoId: dup.id });
    expect(self.errors?.[0]?.message).toBe(`Cannot merge report ${dup.id} into itself`);
    const other = await submit(server, tokens.citizen, { categoryCode: 'rac-thai' });
    const cross = await act(server, tokens.operator, 'mergeReport', { id: other.id, intoId: original.id });
    expect(cross.errors?.[0]?.message).toBe(
      `Cannot merge report ${other.id} (rac-thai) into report ${original.id} (khac): categories differ`,
    );

    expect(await ok(tokens.operator, 'merge', dup.id, original.id)).toEqual({
      id: dup.id,
      status: 'DUPLICATE',
    });
    expect((await view(dup.id)).duplicateOf).toEqual({ id: original.id });
    const open = await database.db
      .selectFrom('report_duplicate_candidates')
      .select('candidate_id')
      .where((eb) => eb.or([eb('report_id', '=', dup.id), eb('candidate_id', '=', dup.id)]))
      .where('dismissed_at', 'is', null)
      .execute();
    expect(open).toEqual([]);

    const third = await submit(server, tokens.citizen);
    const intoDup = await act(server, tokens.operator, 'mergeReport', { id: third.id, intoId: dup.id });
    expect(intoDup.errors?.[0]?.message).toBe(
      `Cannot merge report ${third.id} into report ${dup.id}: it is itself a duplicate of report ${original.id}`,
    );
  });

  it('a rejection keeps its reason code; the reason is shown, the note only to staff and the reporter', async () => {
    const id = await reportIn('rejected');
    expect((await view(id)).rejectReason).toBe('NOT_A_REAL_ISSUE');
    const publicView = await server.gql<{ report: ReportView }>(REPORT, { id });
    expect(publicView.data!.report.history.at(-1)).toMatchObject({
      action: 'REJECTED',
      rejectReason: 'NOT_A_REAL_ISSUE',
      note: null,
      by: { role: 'OPERATOR', name: null },
    });
    expect((await view(id, tokens.citizen)).history.at(-1)!.note).toBe('Đã kiểm tra, không có rác');
  });

  it('a report can be rated once per resolution, and reopened only within 7 days of closing', async () => {
    const id = await reportIn('closed');
    const again = await act(server, tokens.citizen, 'rateReport', { id, rating: 'UNSATISFIED' });
    expect(again.errors?.[0]?.message).toBe(
      `Cannot rate report ${id}: it is closed; only resolved reports can be rated`,
    );
    await database.db
      .updateTable('reports')
      .set({ closed_at: new Date(Date.now() - 8 * 86_400_000) })
      .where('id', '=', id)
      .execute();
    const late = await step(tokens.citizen, 'reopen', id);
    expect(late.errors?.[0]).toMatchObject({
      message: `Cannot reopen report ${id}: it was closed more than 7 days ago; submit a new report`,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const resolved = await reportIn('resolved');
    await act(server, tokens.citizen, 'rateReport', { id: resolved, rating: 'UNSATISFIED' });
    const twice = await act(server, tokens.citizen, 'rateReport', { id: resolved, rating: 'SATISFIED' });
    expect(twice.errors?.[0]?.message).toBe(
      `Report ${resolved} is already rated; reopen it if the problem is not fixed`,
    );
  });

  it('steps of the SLA clock show in the history without an actor', async () => {
    const { id } = await submit(server, tokens.citizen);
    await database.db
      .insertInto('report_events')
      .values({ report_id: id, action: 'ack_overdue', actor_role: 'system', data: '{}' })
      .execute();
    const last = (await view(id)).history.at(-1)!;
    expect(last).toMatchObject({ action: 'ACK_OVERDUE', by: { role: null, name: null } });
  });

  it('an unknown report is NOT_FOUND and a malformed id BAD_USER_INPUT', async () => {
    const missing = await step(tokens.operator, 'acknowledge', '987654321');
    expect(missing.errors?.[0]).toMatchObject({
      message: 'Report 987654321 not found',
      extensions: { code: 'NOT_FOUND' },
    });
    const bad = await step(tokens.operator, 'acknowledge', 'abc');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await server.gql(REPORT, { id: '987654321' })).data).toEqual({ report: null });
  });
});

describe('every transition the state machine refuses', () => {
  const STATUSES: ReportStatus[] = [
    'new',
    'acknowledged',
    'in_progress',
    'resolved',
    'closed',
    'rejected',
    'duplicate',
  ];
  const reportsIn = new Map<ReportStatus, string>();
  let mergeTarget: string;

  beforeAll(async () => {
    for (const s of STATUSES) reportsIn.set(s, await reportIn(s));
    mergeTarget = (await submit(server, tokens.citizen)).id;
  });

  /** Someone allowed to take the step, so only the status stands in the way. */
  const allowed = (t: Transition): Actor => (WORKFLOW[t].roles.citizen ? 'citizen' : 'operator');

  const cases = TRANSITIONS.flatMap((t) =>
    STATUSES.filter((s) => !WORKFLOW[t].from.includes(s)).map((s) => [t, s] as const),
  );

  it.each(cases)('%s is refused on a %s report with a clear message, changing nothing', async (t, s) => {
    const id = reportsIn.get(s)!;
    const before = await rowCounts(database);
    const res = await step(tokens[allowed(t)], t, id, mergeTarget);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(new RegExp(`^Cannot ${t} report ${id}: it (is|was) `));
    expect(await rowCounts(database)).toEqual(before);
    expect((await view(id)).status).toBe(s.toUpperCase());
  });

  it('says what to do first', async () => {
    const res = await step(tokens.operator, 'start', reportsIn.get('new')!);
    expect(res.errors?.[0]?.message).toBe(
      `Cannot start report ${reportsIn.get('new')}: it is new; acknowledge it first`,
    );
    const res2 = await step(tokens.operator, 'resolve', reportsIn.get('acknowledged')!);
    expect(res2.errors?.[0]?.message).toBe(
      `Cannot resolve report ${reportsIn.get('acknowledged')}: it is acknowledged; start it first`,
    );
  });
});

describe('who may take each step (operation × role)', () => {
  const ACTORS: Actor[] = [
    'public',
    'citizen',
    'otherCitizen',
    'officerOfUnit',
    'officerOfOtherUnit',
    'operator',
    'leader',
    'admin',
  ];
  const TRIAGE: Actor[] = ['operator', 'admin'];
  const HANDLING: Actor[] = ['officerOfUnit', 'operator', 'admin'];
  const REPORTER: Actor[] = ['citizen'];
  const EXPECTED: Record<Transition | 'submit', Actor[]> = {
    submit: ['public', 'citizen', 'otherCitizen', 'operator', 'admin'],
    acknowledge: TRIAGE,
    assign: TRIAGE,
    merge: TRIAGE,
    reject: TRIAGE,
    start: HANDLING,
    resolve: HANDLING,
    rate: REPORTER,
    reopen: REPORTER,
  };
  /** The status each step starts from in the matrix. */
  const FROM: Record<Transition, ReportStatus> = {
    acknowledge: 'new',
    assign: 'new',
    merge: 'new',
    reject: 'acknowledged',
    start: 'acknowledged',
    resolve: 'in_progress',
    rate: 'resolved',
    reopen: 'closed',
  };

  const cells = (Object.keys(EXPECTED) as Array<Transition | 'submit'>).flatMap((op) =>
    ACTORS.map((actor) => [op, actor, EXPECTED[op].includes(actor) ? 'allowed' : 'refused'] as const),
  );

  it.each(cells)('%s by %s is %s', async (op, actor, outcome) => {
    if (op === 'submit') {
      const res = await server.gql<{ submitReport: { id: string } }>(
        'mutation S($input: SubmitReportInput!) { submitReport(input: $input) { id } }',
        {
          input: {
            lat: 21.0287,
            lng: 105.8522,
            description: 'Cây đổ chắn ngang đường',
            categoryCode: 'khac',
          },
        },
        tokens[actor],
      );
      if (outcome === 'allowed') expect(res.errors).toBeUndefined();
      else expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      return;
    }
    const id = await reportIn(FROM[op]);
    const target = op === 'merge' ? (await submit(server, tokens.citizen)).id : undefined;
    const before = await rowCounts(database);
    const res = await step(tokens[actor], op, id, target);
    if (outcome === 'allowed') {
      expect(res.errors).toBeUndefined();
      return;
    }
    expect(res.errors?.[0]?.extensions?.code).toBe(actor === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    expect(await rowCounts(database)).toEqual(before);
  });
});
