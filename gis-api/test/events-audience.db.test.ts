// Who receives which event: real graphql-ws clients of every role, on the live feed and on replay.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@ioc/sql';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { appendEvent, type NewEvent } from '../src/events/event-writer.ts';
import { startApiServer, type ApiServer } from './support/api-server.ts';
import { collectEvents, connect, type EventCollector } from './support/event-client.ts';
import { lastSeq } from './support/insert-events.ts';

let database: TestDatabase;
let server: ApiServer;
const tokens: Record<string, string> = {};
let citizenId: number;
let otherCitizenId: number;
let hoanKiemUnit: number;
let urencoUnit: number;

const VIEWERS = [
  'anonymous',
  'citizen',
  'citizen.two',
  'officer.hoankiem',
  'officer.urenco',
  'operator',
  'leader',
  'admin',
] as const;
type ViewerName = (typeof VIEWERS)[number];

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startApiServer(database);
  await database.db
    .insertInto('users')
    .values({
      username: 'citizen.two',
      display_name: 'Trần Thị Hai',
      role: 'citizen',
      password_hash: await hashPassword('citizen.two-demo-pass'),
    })
    .execute();
  const ids = await sql<{ username: string; id: number }>`select username, id from users`.execute(
    database.db,
  );
  const idOf = (u: string) => ids.rows.find((r) => r.username === u)!.id;
  citizenId = idOf('citizen');
  otherCitizenId = idOf('citizen.two');
  const units = await sql<{ code: string; id: number }>`select code, id from units`.execute(database.db);
  hoanKiemUnit = units.rows.find((u) => u.code === 'UBND-002')!.id;
  urencoUnit = units.rows.find((u) => u.code === 'HN-URENCO')!.id;
  for (const name of VIEWERS.filter((v) => v !== 'anonymous')) {
    const res = await server.gql<{ login: { token: string } }>(
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: name, p: `${name}-demo-pass` },
    );
    tokens[name] = res.data!.login.token;
  }
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

/** Six events covering every audience rule, written the way the services write them. */
function scenario(): Array<NewEvent & { key: string; seenBy: ViewerName[] }> {
  const staff = ['operator', 'leader', 'admin'] as const;
  return [
    {
      key: 'public report',
      topic: 'report',
      type: 'report.submitted',
      entityId: 1,
      payload: { id: '1', status: 'new' },
      visibility: 'public',
      unitId: hoanKiemUnit,
      ownerUserId: citizenId,
      seenBy: [...VIEWERS],
    },
    {
      key: 'staff event of citizen report in Hoàn Kiếm',
      topic: 'report',
      type: 'report.commented',
      entityId: 1,
      payload: { id: '1' },
      visibility: 'staff',
      unitId: hoanKiemUnit,
      ownerUserId: citizenId,
      seenBy: ['citizen', 'officer.hoankiem', ...staff],
    },
    {
      key: 'staff event for URENCO',
      topic: 'report',
      type: 'report.assigned',
      entityId: 2,
      payload: { id: '2' },
      visibility: 'staff',
      unitId: urencoUnit,
      seenBy: ['officer.urenco', ...staff],
    },
    {
      key: 'staff event of the other citizen report in Hoàn Kiếm',
      topic: 'report',
      type: 'report.started',
      entityId: 3,
      payload: { id: '3' },
      visibility: 'staff',
      unitId: hoanKiemUnit,
      ownerUserId: otherCitizenId,
      seenBy: ['citizen.two', 'officer.hoankiem', ...staff],
    },
    {
      key: 'public camera',
      topic: 'camera',
      type: 'camera.offline',
      entityId: 'cam-1',
      payload: { id: 'cam-1' },
      seenBy: [...VIEWERS],
    },
    {
      key: 'staff event without unit or owner',
      topic: 'system',
      type: 'system.maintenance',
      payload: {},
      visibility: 'staff',
      seenBy: [...staff],
    },
  ];
}

async function writeScenario(): Promise<Array<{ seq: string; seenBy: ViewerName[]; payload: unknown }>> {
  const written = [];
  for (const { key: _key, seenBy, ...event } of scenario()) {
    const seq = await database.db.transaction().execute((tx) => appendEvent(tx, event));
    written.push({ seq, seenBy, payload: event.payload });
  }
  return written;
}

function subscribeAll(after: string, topics?: string[]) {
  const subs = new Map<ViewerName, EventCollector>();
  const clients: Array<ReturnType<typeof connect>> = [];
  for (const name of VIEWERS) {
    const client = connect(
      server.wsUrl,
      name === 'anonymous' ? undefined : { authorization: `Bearer ${tokens[name]}` },
    );
    clients.push(client);
    subs.set(name, collectEvents(client, { after, ...(topics ? { topics } : {}) }));
  }
  return {
    subs,
    dispose: () => Promise.all(clients.map((c) => c.dispose())),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function expectFeeds(
  subs: Map<ViewerName, EventCollector>,
  written: Array<{ seq: string; seenBy: ViewerName[] }>,
) {
  for (const name of VIEWERS) {
    const expected = written.filter((w) => w.seenBy.includes(name)).map((w) => w.seq);
    const sub = subs.get(name)!;
    const got = await sub.waitFor(expected.length);
    expect({ name, seqs: got.map((e) => e.seq) }).toEqual({ name, seqs: expected });
  }
  // Nothing more arrives: the filtered-out events are not merely late.
  await sleep(400);
  for (const name of VIEWERS) {
    const expected = written.filter((w) => w.seenBy.includes(name)).length;
    expect({ name, n: subs.get(name)!.events.length }).toEqual({ name, n: expected });
    expect(subs.get(name)!.errors).toEqual([]);
  }
}

describe('events are filtered per subscriber', () => {
  it('each role receives exactly its events on the live feed, with the payload as written and nothing else', async () => {
    const start = await lastSeq(database);
    const { subs, dispose } = subscribeAll(start);
    // Let every subscription finish its (empty) replay so what follows arrives live.
    const [probe] = await writeProbe();
    for (const sub of subs.values()) expect((await sub.waitFor(1))[0]!.seq).toBe(probe);
    const written = [{ seq: probe!, seenBy: [...VIEWERS] }, ...(await writeScenario())];
    await expectFeeds(subs, written);
    const admin = subs.get('admin')!.events;
    for (const [i, event] of admin.entries()) {
      // The audience columns decide delivery and are never part of what is sent.
      expect(Object.keys(event).sort()).toEqual([
        'entityId',
        'occurredAt',
        'payload',
        'seq',
        'topic',
        'type',
      ]);
      if (i > 0) expect(event.payload).toEqual((written[i] as { payload?: unknown }).payload);
    }
    await dispose();
  });

  it('replay after a cursor applies the same rule as the live feed', async () => {
    const start = await lastSeq(database);
    const written = await writeScenario();
    const { subs, dispose } = subscribeAll(start);
    await expectFeeds(subs, written);
    await dispose();
  });

  it('topics and the audience rule combine', async () => {
    const start = await lastSeq(database);
    const written = (await writeScenario()).filter((_, i) => scenario()[i]!.topic === 'report');
    const { subs, dispose } = subscribeAll(start, ['report']);
    await expectFeeds(subs, written);
    await dispose();
  });

  it('a citizen resuming from the last seq it received gets the rest of its feed exactly once, skipping what it may not see', async () => {
    const start = await lastSeq(database);
    const written = await writeScenario();
    const mine = written.filter((w) => w.seenBy.includes('citizen')).map((w) => w.seq);
    const auth = { authorization: `Bearer ${tokens.citizen}` };

    const first = connect(server.wsUrl, auth);
    const sub1 = collectEvents(first, { after: start });
    const [firstEvent] = await sub1.waitFor(1);
    await first.dispose();

    // Between its cursor and the next event it may see lie events it may not: they stay skipped.
    const second = connect(server.wsUrl, auth);
    const sub2 = collectEvents(second, { after: firstEvent!.seq });
    const later = await writeScenario();
    const expected = [
      ...mine.slice(1),
      ...later.filter((w) => w.seenBy.includes('citizen')).map((w) => w.seq),
    ];
    expect((await sub2.waitFor(expected.length)).map((e) => e.seq)).toEqual(expected);
    await sleep(300);
    expect(sub2.events).toHaveLength(expected.length);
    await second.dispose();
  });

  it('the audience is not a field a client can ask for', async () => {
    const client = connect(server.wsUrl);
    const sub = collectEvents(client, {});
    await sub.stop();
    const res = await server.gql('subscription { events { seq audience } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    await client.dispose();
  });
});

async function writeProbe(): Promise<string[]> {
  const seq = await database.db
    .transaction()
    .execute((tx) => appendEvent(tx, { topic: 'system', type: 'system.probe', payload: {} }));
  return [seq];
}
