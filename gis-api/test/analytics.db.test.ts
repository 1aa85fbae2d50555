// Analytics over HTTP against a generated workload: every figure equals a plain SQL recount of the
// same reports, roles decide who sees what, bad input is refused with a precise message, and the live
// hexbin feed follows new reports.
import { cellToLatLng, getResolution } from 'h3-js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { seedWorkload } from '../../sql/src/seed/workload.ts';
import { storedToCell } from '../src/analytics/cells.ts';
import { data, insertReports, tokens, type Role } from './support/analytics-fixtures.ts';
import { startApiServer, type ApiServer } from './support/api-server.ts';
import { connect } from './support/event-client.ts';
import { insertEvents } from './support/insert-events.ts';

let database: TestDatabase;
let server: ApiServer;
let token: Record<Role, string | undefined>;
const DAY = 86_400_000;
const REPORTS = 2000;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedWorkload(database, { reports: REPORTS, seed: 11, now: new Date(), quiet: true });
  server = await startApiServer(database);
  token = await tokens(server);
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

async function rows<T>(query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(database.db)).rows;
}

async function one<T>(query: ReturnType<typeof sql<T>>): Promise<T> {
  return (await rows(query))[0]!;
}

const HEXBINS = `query H($r: Int!, $f: HexbinFilter, $m: HexbinMetric) {
  hexbins(resolution: $r, filter: $f, metric: $m) {
    resolution metric period { since until } asOf total
    cells { cell center { lat lng } value count open overdue shareOverdue medianAgeHours rated satisfied acceptable unsatisfied satisfaction }
  } }`;

interface HexbinCell {
  cell: string;
  center: { lat: number; lng: number };
  value: number | null;
  count: number;
  open: number;
  overdue: number;
  shareOverdue: number | null;
  medianAgeHours: number | null;
  rated: number;
  satisfied: number;
  acceptable: number;
  unsatisfied: number;
  satisfaction: number | null;
}
interface HexbinMap {
  period: { since: string; until: string };
  asOf: string;
  total: number;
  cells: HexbinCell[];
}

describe('hexbins', () => {
  it('every cell at resolution 8 over 30 days equals a plain GROUP BY recount, median age included', async () => {
    const { hexbins } = await data<{ hexbins: HexbinMap }>(server, HEXBINS, { r: 8 }, token.operator);
    const { since, until } = hexbins.period;
    expect(new Date(until).getTime() - new Date(since).getTime()).toBe(30 * DAY);
    const recount = await rows(sql<Omit<HexbinCell, 'center' | 'value' | 'shareOverdue' | 'satisfaction'>>`
      select h3_r8::text as cell, count(*)::int as count,
        count(*) filter (where status in ('new', 'acknowledged', 'in_progress'))::int as open,
        count(*) filter (where (status in ('new', 'acknowledged', 'in_progress') and resolve_due_at <= ${hexbins.asOf}::timestamptz)
          or (status = 'new' and ack_due_at <= ${hexbins.asOf}::timestamptz))::int as overdue,
        percentile_cont(0.5) within group (order by date_part('epoch', ${hexbins.asOf}::timestamptz - created_at))
          filter (where status in ('new', 'acknowledged', 'in_progress')) / 3600 as "medianAgeHours",
        count(rating)::int as rated, count(*) filter (where rating = 'satisfied')::int as satisfied,
        count(*) filter (where rating = 'acceptable')::int as acceptable,
        count(*) filter (where rating = 'unsatisfied')::int as unsatisfied
      from reports where created_at >= ${since}::timestamptz and created_at < ${until}::timestamptz
      group by 1`);
    const expected = recount.map((r) => ({ ...r, cell: storedToCell(r.cell) }));
    const got = hexbins.cells.map(
      ({ center: _c, value: _v, shareOverdue: _s, satisfaction: _f, ...rest }) => rest,
    );
    const byCell = (a: { cell: string }, b: { cell: string }) => a.cell.localeCompare(b.cell);
    expect(got.sort(byCell)).toEqual(expected.sort(byCell));
    expect(hexbins.total).toBe(expected.reduce((s, r) => s + r.count, 0));
    expect(hexbins.total).toBeGreaterThan(REPORTS / 4);
  });

  it('cells are H3 hex strings of the asked resolution, centred where h3-js says, sorted by value', async () => {
    for (const r of [6, 7, 8, 9, 10]) {
      const { hexbins } = await data<{ hexbins: HexbinMap }>(server, HEXBINS, { r }, token.leader);
      for (const c of hexbins.cells.slice(0, 20)) {
        expect(c.cell).toMatch(/^8[0-9a-f]{14}$/);
        expect(getResolution(c.cell)).toBe(r);
        expect([c.center.lat, c.center.lng]).toEqual(cellToLatLng(c.cell));
      }
      const values = hexbins.cells.map((c) => c.value!);
      expect(values).toEqual([...values].sort((a, b) => b - a));
    }
  });

  it('filters by category, status, unit and bbox (cells whose centre is inside) like the recount', async () => {
    const bbox = [105.8, 21.0, 105.86, 21.05];
    const { unit_id: unitId } = await one(
      sql<{ unit_id: number }>`select unit_id from reports group by 1 order by count(*) desc limit 1`,
    );
    const filter: { bbox: number[]; categoryCode: string | null; status: string[]; since: string } = {
      bbox,
      categoryCode: 'rac-thai',
      status: ['CLOSED', 'RESOLVED'],
      since: new Date(Date.now() - 60 * DAY).toISOString(),
    };
    const filters: Array<typeof filter & { unitId?: string }> = [
      filter,
      { ...filter, categoryCode: null, unitId: String(unitId) },
    ];
    for (const f of filters) {
      const { hexbins } = await data<{ hexbins: HexbinMap }>(server, HEXBINS, { r: 9, f }, token.admin);
      const recount = await rows(sql<{ cell: string; count: number }>`
        select h3_r9::text as cell, count(*)::int as count from reports
        where created_at >= ${hexbins.period.since}::timestamptz and created_at < ${hexbins.period.until}::timestamptz
          and status in ('closed', 'resolved')
          and (${f.categoryCode}::text is null or category_id = (select id from categories where code = ${f.categoryCode}))
          and (${f.unitId ?? null}::int is null or unit_id = ${f.unitId ?? null}::int)
        group by 1`);
      const inside = recount
        .map((r) => ({ cell: storedToCell(r.cell), count: r.count }))
        .filter(({ cell }) => {
          const [lat, lng] = cellToLatLng(cell);
          return lng >= bbox[0]! && lat >= bbox[1]! && lng <= bbox[2]! && lat <= bbox[3]!;
        });
      const byCell = (a: { cell: string }, b: { cell: string }) => a.cell.localeCompare(b.cell);
      expect(hexbins.cells.map(({ cell, count }) => ({ cell, count })).sort(byCell)).toEqual(
        inside.sort(byCell),
      );
      expect(inside.length).toBeGreaterThan(0);
    }
  });

  it('the metric decides the value: satisfaction is satisfied ÷ rated, null without ratings', async () => {
    const { hexbins } = await data<{ hexbins: HexbinMap }>(
      server,
      HEXBINS,
      { r: 7, m: 'SATISFACTION' },
      token.operator,
    );
    for (const c of hexbins.cells) {
      expect(c.value).toBe(c.rated > 0 ? c.satisfied / c.rated : null);
      expect(c.shareOverdue).toBe(c.open > 0 ? c.overdue / c.open : null);
    }
    expect(hexbins.cells.at(-1)!.value === null || hexbins.cells.every((c) => c.value !== null)).toBe(true);
  });
});

describe('scorecards agree with a plain SQL recount', () => {
  const SCORECARDS = `query S($p: PeriodInput, $a: ID) { unitScorecards(period: $p, adminUnitId: $a) {
    period { since until } asOf adminUnit { code }
    units { unit { id code agencyType } received acknowledged acknowledgedOnTime resolved resolvedOnTime resolveDue
      onTimeRate rejected overdueAckNow overdueResolveNow medianResolveHours p90ResolveHours reopened rank peers
      satisfaction { satisfied acceptable unsatisfied rated satisfiedShare } } } }`;
  interface Card {
    unit: { id: string; code: string; agencyType: string };
    received: number;
    acknowledged: number;
    acknowledgedOnTime: number;
    resolved: number;
    resolvedOnTime: number;
    resolveDue: number;
    onTimeRate: number | null;
    rejected: number;
    overdueAckNow: number;
    overdueResolveNow: number;
    medianResolveHours: number | null;
    p90ResolveHours: number | null;
    reopened: number;
    rank: number | null;
    peers: number;
    satisfaction: {
      satisfied: number;
      acceptable: number;
      unsatisfied: number;
      rated: number;
      satisfiedShare: number | null;
    };
  }
  type Cards = {
    unitScorecards: {
      period: { since: string; until: string };
      asOf: string;
      adminUnit: { code: string } | null;
      units: Card[];
    };
  };

  async function recount(since: string, until: string, asOf: string, area: number[] | null) {
    const areaSql = area ? sql`and admin_unit_id = any(${area}::int[])` : sql``;
    const cohort = await rows(sql<Record<string, number | null> & { unit_id: number }>`
      select unit_id, count(*)::int as received, count(acknowledged_at)::int as acknowledged,
        count(*) filter (where acknowledged_at <= ack_due_at)::int as ack_on_time,
        count(resolved_at)::int as resolved, count(*) filter (where resolved_at <= resolve_due_at)::int as resolved_on_time,
        count(*) filter (where status not in ('rejected', 'duplicate') and (resolved_at is not null or resolve_due_at <= ${asOf}::timestamptz))::int as resolve_due,
        count(*) filter (where status = 'rejected')::int as rejected,
        percentile_cont(0.5) within group (order by date_part('epoch', resolved_at - created_at)) / 3600 as median,
        percentile_cont(0.9) within group (order by date_part('epoch', resolved_at - created_at)) / 3600 as p90,
        count(*) filter (where rating = 'satisfied')::int as satisfied, count(*) filter (where rating = 'acceptable')::int as acceptable,
        count(*) filter (where rating = 'unsatisfied')::int as unsatisfied, count(*) filter (where reopen_count > 0)::int as reopened
      from reports where created_at >= ${since}::timestamptz and created_at < ${until}::timestamptz and unit_id is not null ${areaSql}
      group by 1`);
    const backlog = await rows(sql<{ unit_id: number; ack: number; resolve: number }>`
      select unit_id, count(*) filter (where status = 'new' and ack_due_at <= ${asOf}::timestamptz)::int as ack,
        count(*) filter (where resolve_due_at <= ${asOf}::timestamptz)::int as resolve
      from reports where status in ('new', 'acknowledged', 'in_progress') ${areaSql} group by 1`);
    return {
      cohort: new Map(cohort.map((r) => [String(r.unit_id), r])),
      backlog: new Map(backlog.map((r) => [String(r.unit_id), r])),
    };
  }

  function check(cards: Card[], expected: Awaited<ReturnType<typeof recount>>) {
    let withReports = 0;
    for (const card of cards) {
      const c = expected.cohort.get(card.unit.id);
      const b = expected.backlog.get(card.unit.id);
      expect({
        received: card.received,
        acknowledged: card.acknowledged,
        ackOnTime: card.acknowledgedOnTime,
        resolved: card.resolved,
        resolvedOnTime: card.resolvedOnTime,
        resolveDue: card.resolveDue,
        rejected: card.rejected,
        median: card.medianResolveHours,
        p90: card.p90ResolveHours,
        satisfied: card.satisfaction.satisfied,
        acceptable: card.satisfaction.acceptable,
        unsatisfied: card.satisfaction.unsatisfied,
        reopened: card.reopened,
        overdueAck: card.overdueAckNow,
        overdueResolve: card.overdueResolveNow,
      }).toEqual({
        received: c?.received ?? 0,
        acknowledged: c?.acknowledged ?? 0,
        ackOnTime: c?.ack_on_time ?? 0,
        resolved: c?.resolved ?? 0,
        resolvedOnTime: c?.resolved_on_time ?? 0,
        resolveDue: c?.resolve_due ?? 0,
        rejected: c?.rejected ?? 0,
        median: c?.median ?? null,
        p90: c?.p90 ?? null,
        satisfied: c?.satisfied ?? 0,
        acceptable: c?.acceptable ?? 0,
        unsatisfied: c?.unsatisfied ?? 0,
        reopened: c?.reopened ?? 0,
        overdueAck: b?.ack ?? 0,
        overdueResolve: b?.resolve ?? 0,
      });
      if (c) withReports++;
    }
    expect(withReports).toBe(expected.cohort.size);
  }

  it('every unit over 90 days: counts, on-time, overdue now, exact median and p90, satisfaction, reopened', async () => {
    const p = { since: new Date(Date.now() - 91 * DAY).toISOString() };
    const { unitScorecards: s } = await data<Cards>(server, SCORECARDS, { p }, token.leader);
    expect(s.units.length).toBeGreaterThanOrEqual(40);
    expect(s.adminUnit).toBeNull();
    check(s.units, await recount(s.period.since, s.period.until, s.asOf, null));
    expect(s.units.reduce((n, u) => n + u.received, 0)).toBe(REPORTS - (await unrouted()));
  });

  it('units are ranked within their agency type by onTimeRate, ties sharing a rank', async () => {
    const p = { since: new Date(Date.now() - 91 * DAY).toISOString() };
    const { unitScorecards: s } = await data<Cards>(server, SCORECARDS, { p }, token.operator);
    const committees = s.units.filter(
      (u) => u.unit.agencyType === 'people_committee' && u.onTimeRate !== null,
    );
    expect(committees.length).toBeGreaterThan(2);
    for (const u of committees) {
      expect(u.rank).toBe(1 + committees.filter((o) => o.onTimeRate! > u.onTimeRate!).length);
      expect(u.peers).toBe(committees.length);
      expect(u.onTimeRate).toBe(u.resolvedOnTime / u.resolveDue);
    }
  });

  it('an area (a district and everything in it) counts only the reports located there', async () => {
    const { id } = await one(sql<{ id: number }>`select id from admin_units where name = 'Quận Hoàn Kiếm'`);
    const area = (
      await rows(sql<{ id: number }>`
      with recursive t as (select id from admin_units where id = ${id} union all select a.id from admin_units a join t on a.parent_id = t.id)
      select id from t`)
    ).map((r) => r.id);
    const { unitScorecards: s } = await data<Cards>(
      server,
      SCORECARDS,
      { a: String(id), p: { since: new Date(Date.now() - 91 * DAY).toISOString() } },
      token.admin,
    );
    expect(s.adminUnit).toEqual({ code: expect.any(String) });
    const expected = await recount(s.period.since, s.period.until, s.asOf, area);
    check(s.units, expected);
    expect(expected.cohort.size).toBeGreaterThan(0);
  });

  it('cityStats (public) are the totals over every unit, with the exact city-wide median', async () => {
    const res = await data<{
      cityStats: {
        period: { since: string; until: string };
        asOf: string;
        received: number;
        resolved: number;
        resolvedOnTime: number;
        resolveDue: number;
        medianResolveHours: number;
        satisfaction: { rated: number };
      };
    }>(
      server,
      'query { cityStats { period { since until } asOf received resolved resolvedOnTime resolveDue onTimeRate medianResolveHours satisfaction { rated satisfied } } }',
      {},
      undefined,
    );
    const c = res.cityStats;
    const [r] = await rows(sql<{
      received: number;
      resolved: number;
      on_time: number;
      due: number;
      median: number;
      rated: number;
    }>`
      select count(*)::int as received, count(resolved_at)::int as resolved,
        count(*) filter (where resolved_at <= resolve_due_at)::int as on_time,
        count(*) filter (where status not in ('rejected', 'duplicate') and (resolved_at is not null or resolve_due_at <= ${c.asOf}::timestamptz))::int as due,
        percentile_cont(0.5) within group (order by date_part('epoch', resolved_at - created_at)) / 3600 as median,
        count(rating)::int as rated
      from reports where created_at >= ${c.period.since}::timestamptz and created_at < ${c.period.until}::timestamptz and unit_id is not null`);
    expect([
      c.received,
      c.resolved,
      c.resolvedOnTime,
      c.resolveDue,
      c.medianResolveHours,
      c.satisfaction.rated,
    ]).toEqual([r!.received, r!.resolved, r!.on_time, r!.due, r!.median, r!.rated]);
  });

  it('unitTrend buckets a unit’s reports by Hà Nội calendar week, and the points add up', async () => {
    const { unit_id: unitId } = await one(
      sql<{ unit_id: number }>`select unit_id from reports group by 1 order by count(*) desc limit 1`,
    );
    const res = await data<{
      unitTrend: {
        period: { since: string; until: string };
        points: Array<{
          start: string;
          received: number;
          resolved: number;
          medianResolveHours: number | null;
        }>;
      };
    }>(
      server,
      'query T($u: ID!, $b: TrendBucket) { unitTrend(unitId: $u, bucket: $b) { period { since until } points { start received resolved medianResolveHours } } }',
      { u: String(unitId), b: 'WEEK' },
      token.leader,
    );
    const t = res.unitTrend;
    expect(t.points.length).toBeGreaterThanOrEqual(13);
    for (const p of t.points)
      expect(new Date(new Date(p.start).getTime() + 7 * 3600_000).getUTCDay()).toBe(1);
    const weekly = await rows(sql<{ start: Date; received: number; median: number | null }>`
      select date_trunc('week', created_at at time zone 'Asia/Ho_Chi_Minh') at time zone 'Asia/Ho_Chi_Minh' as start, count(*)::int as received,
        percentile_cont(0.5) within group (order by date_part('epoch', resolved_at - created_at)) / 3600 as median
      from reports where unit_id = ${unitId} and created_at >= ${t.period.since}::timestamptz and created_at < ${t.period.until}::timestamptz
      group by 1`);
    const got = new Map(t.points.map((p) => [new Date(p.start).getTime(), p]));
    for (const w of weekly) {
      expect(got.get(new Date(w.start).getTime())).toMatchObject({
        received: w.received,
        medianResolveHours: w.median,
      });
    }
    expect(t.points.reduce((s, p) => s + p.received, 0)).toBe(weekly.reduce((s, w) => s + w.received, 0));
  });

  it('adminUnitStats lists every district with the reports located in it', async () => {
    const res = await data<{
      adminUnitStats: {
        period: { since: string; until: string };
        asOf: string;
        units: Array<{
          adminUnit: { id: string; name: string };
          received: number;
          open: number;
          overdueNow: number;
          receivedPerKm2: number;
        }>;
      };
    }>(
      server,
      'query A { adminUnitStats(level: 2) { period { since until } asOf units { adminUnit { id name } received open overdueNow receivedPerKm2 resolved onTimeRate satisfaction { rated } } } }',
      {},
      token.leader,
    );
    const s = res.adminUnitStats;
    expect(s.units).toHaveLength(30);
    const recount = await rows(sql<{ id: number; received: number; open: number; area: number }>`
      select a.id, count(r.id)::int as received,
        count(r.id) filter (where r.status in ('new', 'acknowledged', 'in_progress'))::int as open, a.area_km2 as area
      from admin_units a left join reports r on r.admin_unit_id = a.id
        and r.created_at >= ${s.period.since}::timestamptz and r.created_at < ${s.period.until}::timestamptz
      where a.level = 2 group by a.id`);
    const overdue = await rows(sql<{ id: number; n: number }>`
      select admin_unit_id as id, count(*)::int as n from reports
      where status in ('new', 'acknowledged', 'in_progress')
        and (resolve_due_at <= ${s.asOf}::timestamptz or (status = 'new' and ack_due_at <= ${s.asOf}::timestamptz))
      group by 1`);
    for (const u of s.units) {
      const r = recount.find((x) => String(x.id) === u.adminUnit.id)!;
      expect([u.received, u.open, u.overdueNow]).toEqual([
        r.received,
        r.open,
        overdue.find((o) => String(o.id) === u.adminUnit.id)?.n ?? 0,
      ]);
      expect(u.receivedPerKm2).toBeCloseTo(r.received / r.area, 12);
    }
  });

  async function unrouted(): Promise<number> {
    const [r] = await rows(sql<{ n: number }>`select count(*)::int as n from reports where unit_id is null`);
    return r!.n;
  }
});

describe('who sees what', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['hexbins', '{ hexbins(resolution: 8) { total } }', {}],
    ['hotspots', '{ hotspots(resolution: 8) { tested } }', {}],
    ['emergingHotspots', '{ emergingHotspots(resolution: 8) { tested } }', {}],
    ['unitScorecards', '{ unitScorecards { units { received } } }', {}],
    ['adminUnitStats', '{ adminUnitStats(level: 2) { units { received } } }', {}],
  ];

  it.each(cases)(
    '%s: operators, leaders and admins yes; officers and citizens FORBIDDEN; the public UNAUTHENTICATED',
    async (_n, query) => {
      for (const role of ['operator', 'leader', 'admin'] as const) {
        const res = await server.gql(query, {}, token[role]);
        expect(res.errors, role).toBeUndefined();
      }
      for (const role of ['officer', 'citizen'] as const) {
        const res = await server.gql(query, {}, token[role]);
        expect(res.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
        expect(res.errors?.[0]?.message).toContain('cityStats');
      }
      const res = await server.gql(query);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    },
  );

  it('cityStats are published: anyone may read them', async () => {
    for (const role of ['public', 'citizen', 'officer', 'leader'] as const) {
      const res = await server.gql('{ cityStats { received onTimeRate } }', {}, token[role]);
      expect(res.errors, role).toBeUndefined();
    }
  });

  it("an officer sees their own unit's trend, not another unit's", async () => {
    const { id: own } = await one(
      sql<{ id: number }>`select unit_id as id from users where username = 'officer.hoankiem'`,
    );
    const q = 'query T($u: ID!) { unitTrend(unitId: $u) { points { received } } }';
    expect((await server.gql(q, { u: String(own) }, token.officer)).errors).toBeUndefined();
    const other = await server.gql(q, { u: String(own + 1) }, token.officer);
    expect(other.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: "Officers may see their own unit's trend only",
    });
  });
});

describe('bad input', () => {
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  it.each([
    ['{ hexbins(resolution: 5) { total } }', 'resolution must be from 6 to 10 (got 5)'],
    ['{ hexbins(resolution: 11) { total } }', 'resolution must be from 6 to 10 (got 11)'],
    [
      `{ hexbins(resolution: 8, filter: { since: "${iso(now)}", until: "${iso(now - DAY)}" }) { total } }`,
      `filter.since (${iso(now)}) must be before filter.until (${iso(now - DAY)})`,
    ],
    [
      `{ hexbins(resolution: 8, filter: { since: "${iso(now - 400 * DAY)}", until: "${iso(now)}" }) { total } }`,
      'filter spans 400 days; at most 366 are allowed (ask for one year at a time)',
    ],
    [
      '{ hexbins(resolution: 8, filter: { categoryCode: "nope" }) { total } }',
      'Unknown category "nope" (see categories)',
    ],
    [
      '{ hexbins(resolution: 8, filter: { unitId: "999999" }) { total } }',
      'No unit has id 999999 (see units)',
    ],
    [
      '{ hexbins(resolution: 8, filter: { bbox: [1, 2, 3] }) { total } }',
      'bbox must have 4 numbers [minLng, minLat, maxLng, maxLat] (got 3)',
    ],
    ['{ hotspots(resolution: 8, rings: 4) { tested } }', 'rings must be from 0 to 3 (got 4)'],
    ['{ hotspots(resolution: 8, alpha: 0) { tested } }', 'alpha must be above 0 and at most 0.5 (got 0)'],
    [
      `{ hotspots(resolution: 8, window: { since: "${iso(now - 7 * DAY)}" }, baseline: { since: "${iso(now - 20 * DAY)}", until: "${iso(now - 3 * DAY)}" }) { tested } }`,
      `baseline must end by the time the window starts (baseline.until ${iso(now - 3 * DAY)} is after window.since ${iso(now - 7 * DAY)})`,
    ],
    [
      '{ emergingHotspots(resolution: 8, windows: 12, windowDays: 31) { tested } }',
      'windows × windowDays is 372 days; at most 366 are allowed',
    ],
    [
      `{ unitScorecards(period: { since: "${iso(now - 367 * DAY)}", until: "${iso(now)}" }) { asOf } }`,
      'period spans 367 days; at most 366 are allowed (ask for one year at a time)',
    ],
    ['{ adminUnitStats(level: 7) { asOf } }', 'level must be from 1 to 5 (got 7)'],
  ])('%s is refused: %s', async (query, message) => {
    const res = await server.gql(query, {}, token.admin);
    expect(res.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('an unknown admin unit is NOT_FOUND', async () => {
    const res = await server.gql('{ unitScorecards(adminUnitId: "999999") { asOf } }', {}, token.admin);
    expect(res.errors?.[0]).toMatchObject({
      message: 'No administrative unit has id 999999',
      extensions: { code: 'NOT_FOUND' },
    });
  });
});

describe('live hexbin updates', () => {
  it('a new report event brings its cell, counted again, to a hexbinUpdates subscriber', async () => {
    const client = connect(server.wsUrl, { authorization: `Bearer ${token.operator}` });
    const updates: Array<{
      seq: string;
      resolution: number;
      cells: Array<{ cell: string; count: number; open: number }>;
    }> = [];
    const errors: unknown[] = [];
    let wake = () => {};
    const stop = client.subscribe<{ hexbinUpdates: (typeof updates)[number] }>(
      { query: 'subscription { hexbinUpdates(resolution: 9) { seq resolution cells { cell count open } } }' },
      {
        next: (m) => {
          if (m.data) updates.push(m.data.hexbinUpdates);
          if (m.errors) errors.push(m.errors);
          wake();
        },
        error: (e) => {
          errors.push(e);
          wake();
        },
        complete: () => {},
      },
    );
    // The subscription is live once a first event gets through; the hub replays nothing before it.
    await new Promise((r) => setTimeout(r, 300));
    const point = { lat: 21.0287, lng: 105.8522 };
    const { hexbins } = await data<{ hexbins: HexbinMap }>(server, HEXBINS, { r: 9 }, token.operator);
    const [id] = await insertReports(database, [{ ...point, createdAt: new Date(), categoryCode: 'khac' }]);
    const [seq] = await insertEvents(database, [{ topic: 'report', type: 'report.submitted', entityId: id }]);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no update: ${JSON.stringify(errors)}`)), 10_000);
      wake = () => {
        if (updates.length > 0 || errors.length > 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      wake();
    });
    expect(errors).toEqual([]);
    const [stored] = await rows(sql<{ c: string }>`select h3_r9::text as c from reports where id = ${id}`);
    const cell = storedToCell(stored!.c);
    const before = hexbins.cells.find((c) => c.cell === cell)?.count ?? 0;
    expect(updates[0]).toEqual({
      seq,
      resolution: 9,
      cells: [{ cell, count: before + 1, open: expect.any(Number) }],
    });
    stop();
    await client.dispose();
  });
});
