// The reporter's contact, internal notes and staff names never reach the public or other citizens:
// distinctive strings are planted and every raw response (list, detail, history, live events) scanned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { startApiServer, type ApiServer } from './support/api-server.ts';
import { collectEvents, connect, type EventCollector } from './support/event-client.ts';
import { lastSeq } from './support/insert-events.ts';
import { act, addMatrixUsers, loginAll, submit, type Actor } from './support/report-fixtures.ts';

const NAME = 'Trần Thị Riêng Tư';
const PHONE = '0912345678';
const EMAIL = 'rieng.tu@example.vn';
/** Words only staff (and, for some, the reporter) may read. */
const INTERNAL_NOTE = 'Ghi chú nội bộ: gọi lại cho chị Riêng Tư';
const COMMENT = 'Bình luận riêng của người phản ánh';
const SECRETS = [NAME, PHONE, EMAIL, 'Riêng Tư', INTERNAL_NOTE, COMMENT, 'Trực ban IOC', 'Cán bộ UBND'];

const EVERYTHING = `
  id status description ratingComment rejectReason viewerActions
  category { code } unit { code } adminUnit { name } duplicateOf { id }
  reporter { name phone email userId }
  duplicateCandidates { distanceM report { id reporter { name phone email } } }
  media { id url }
  history { action note fromStatus toStatus by { role name } unit { code } media { id } }
`;

let database: TestDatabase;
let server: ApiServer;
let tokens: Record<Actor, string | undefined>;
let ownId: string;
let hotlineId: string;
const watchers: Array<{ who: string; events: EventCollector }> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await addMatrixUsers(database);
  server = await startApiServer(database, {
    REPORT_RATE_BURST: '100000',
    LOGIN_RATE_BURST: '1000',
    // The scans ask for every nested list at once, far past what the cost limit lets a client ask.
    GRAPHQL_MAX_COST: '100000000',
  });
  tokens = await loginAll(server);
  const after = await lastSeq(database);
  watchers.push({
    who: 'public',
    events: collectEvents(connect(server.wsUrl), { after, topics: ['report'] }),
  });
  watchers.push({
    who: 'otherCitizen',
    events: collectEvents(connect(server.wsUrl, { authorization: `Bearer ${tokens.otherCitizen}` }), {
      after,
      topics: ['report'],
    }),
  });

  const contact = { name: NAME, phone: PHONE, email: EMAIL };
  ownId = (await submit(server, tokens.citizen, { contact })).id;
  hotlineId = (await submit(server, tokens.operator, { contact, source: 'HOTLINE' })).id;
  for (const id of [ownId, hotlineId]) {
    await act(server, tokens.operator, 'acknowledgeReport', { id, note: INTERNAL_NOTE });
    await act(server, tokens.officerOfUnit, 'startReport', { id, note: INTERNAL_NOTE });
    await act(server, tokens.officerOfUnit, 'resolveReport', { id, note: INTERNAL_NOTE });
  }
  await act(server, tokens.citizen, 'rateReport', { id: ownId, rating: 'UNSATISFIED', comment: COMMENT });
  await act(server, tokens.citizen, 'reopenReport', { id: ownId, reason: COMMENT });
});

afterAll(async () => {
  for (const w of watchers) await w.events.stop();
  await server?.close();
  await database?.drop();
});

function leaks(json: string): string[] {
  return SECRETS.filter((s) => json.includes(s));
}

describe.each(['public', 'otherCitizen'] as const)('as %s', (who) => {
  it('the reports list carries no contact, note, comment or staff name', async () => {
    const res = await server.gql(
      `{ reports(first: 100) { totalCount edges { cursor node { ${EVERYTHING} } } } }`,
      {},
      tokens[who],
    );
    expect(res.errors).toBeUndefined();
    const json = JSON.stringify(res);
    expect(json).toContain(ownId);
    expect(leaks(json)).toEqual([]);
  });

  it('report(id) and its history carry none either, and reporter is null', async () => {
    for (const id of [ownId, hotlineId]) {
      const res = await server.gql<{ report: { reporter: unknown; duplicateCandidates: unknown } }>(
        `query R($id: ID!) { report(id: $id) { ${EVERYTHING} } }`,
        { id },
        tokens[who],
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.report.reporter).toBeNull();
      expect(res.data!.report.duplicateCandidates).toBeNull();
      expect(leaks(JSON.stringify(res))).toEqual([]);
    }
  });

  it('the live events carry none either', async () => {
    const watcher = watchers.find((w) => w.who === who)!;
    // submitted, 3 steps each, rated, reopened.
    const events = await watcher.events.waitFor(10);
    expect(events.some((e) => e.entityId === ownId)).toBe(true);
    expect(leaks(JSON.stringify(watcher.events.events))).toEqual([]);
    expect(watcher.events.errors).toEqual([]);
  });
});

describe('who does see it', () => {
  it.each(['citizen', 'officerOfUnit', 'officerOfOtherUnit', 'operator', 'leader', 'admin'] as const)(
    '%s sees the reporter of the citizen’s report',
    async (who) => {
      const res = await server.gql<{ report: { reporter: { name: string; phone: string; email: string } } }>(
        'query R($id: ID!) { report(id: $id) { reporter { name phone email } } }',
        { id: ownId },
        tokens[who],
      );
      expect(res.data!.report.reporter).toEqual({ name: NAME, phone: PHONE, email: EMAIL });
    },
  );

  it('the reporter sees their rating comment and the answers to them, but not internal notes or names', async () => {
    const res = await server.gql(
      `query R($id: ID!) { report(id: $id) { ${EVERYTHING} } }`,
      { id: ownId },
      tokens.citizen,
    );
    const json = JSON.stringify(res);
    expect(json).toContain(COMMENT);
    const history = (
      res.data as {
        report: { history: Array<{ action: string; note: string | null; by: { name: string | null } }> };
      }
    ).report.history;
    expect(history.find((h) => h.action === 'ACKNOWLEDGED')!.note).toBeNull();
    expect(history.find((h) => h.action === 'RESOLVED')!.note).toBe(INTERNAL_NOTE);
    expect(history.every((h) => h.by.name === null)).toBe(true);
  });

  it('the citizen’s own list (mine) has their report and not the hotline one', async () => {
    const res = await server.gql<{ reports: { edges: Array<{ node: { id: string } }> } }>(
      '{ reports(filter: { mine: true }) { edges { node { id } } } }',
      {},
      tokens.citizen,
    );
    expect(res.data!.reports.edges.map((e) => e.node.id)).toEqual([ownId]);
  });
});
