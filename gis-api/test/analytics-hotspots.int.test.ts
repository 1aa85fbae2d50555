// Hotspots end to end on real PostGIS with synthetic reports: planted clusters (a spike in the last
// week, a rise over four weeks) must be found; uniform noise alone must give (almost) nothing.
import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { data, insertReports, tokens, type SyntheticReport } from './support/analytics-fixtures.ts';
import { rng } from './support/analytics-random.ts';
import { startApiServer, type ApiServer } from './support/api-server.ts';

const DAY = 86_400_000;
/** ~8 × 8 km of central Hà Nội. */
const AREA = { minLng: 105.8, minLat: 20.99, maxLng: 105.877, maxLat: 21.062 };
const SPIKE = { lat: 21.0034, lng: 105.8199 }; // Ngã Tư Sở
const RISE = { lat: 21.0382, lng: 105.8493 }; // Chợ Đồng Xuân

let database: TestDatabase;
let server: ApiServer;
let token: string;
const now = Date.now();

function around(p: { lat: number; lng: number }, sigmaM: number, r: () => number) {
  const radius = sigmaM * Math.sqrt(-2 * Math.log(Math.max(r(), 1e-12)));
  const angle = 2 * Math.PI * r();
  return {
    lat: p.lat + (radius * Math.sin(angle)) / 111_320,
    lng: p.lng + (radius * Math.cos(angle)) / (111_320 * Math.cos((p.lat * Math.PI) / 180)),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const r = rng(2024);
  const reports: SyntheticReport[] = [];
  // Noise: 6,000 'khac' reports uniform over the area and over the last 35 days.
  for (let i = 0; i < 6000; i++) {
    reports.push({
      lat: AREA.minLat + r() * (AREA.maxLat - AREA.minLat),
      lng: AREA.minLng + r() * (AREA.maxLng - AREA.minLng),
      createdAt: new Date(now - r() * 35 * DAY),
      categoryCode: 'khac',
    });
  }
  // A spike: 120 flooding reports around Ngã Tư Sở in the last 7 days only.
  for (let i = 0; i < 120; i++) {
    reports.push({
      ...around(SPIKE, 150, r),
      createdAt: new Date(now - r() * 7 * DAY),
      categoryCode: 'ngap-ung',
    });
  }
  // A rise: rubbish around Chợ Đồng Xuân, 10, 30, 60, 120 reports in the four weeks before now.
  [10, 30, 60, 120].forEach((n, week) => {
    for (let i = 0; i < n; i++) {
      const createdAt = new Date(now - (4 - week) * 7 * DAY + r() * 7 * DAY);
      reports.push({ ...around(RISE, 150, r), createdAt, categoryCode: 'rac-thai' });
    }
  });
  await insertReports(database, reports);
  await sql`analyze reports`.execute(database.db);
  server = await startApiServer(database);
  token = (await tokens(server)).operator!;
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

const HOTSPOTS = `query H($f: HotspotFilter, $k: Int) { hotspots(resolution: 8, filter: $f, rings: $k) {
  window { since until } baseline { since until } windowReports baselineReports tested alpha
  hotspots { cell observed baseline expected cellCount zScore pValue qValue } } }`;

interface Analysis {
  window: { since: string; until: string };
  baseline: { since: string; until: string };
  windowReports: number;
  baselineReports: number;
  tested: number;
  hotspots: Array<{
    cell: string;
    observed: number;
    expected: number;
    zScore: number;
    pValue: number;
    qValue: number;
  }>;
}

describe('hotspots (last 7 days against the 28 before)', () => {
  it('finds the planted spike: its cell and (rings: 1) its neighbours, nothing elsewhere', async () => {
    const { hotspots: a } = await data<{ hotspots: Analysis }>(server, HOTSPOTS, {}, token);
    const spike = latLngToCell(SPIKE.lat, SPIKE.lng, 8);
    const hit = a.hotspots.find((h) => h.cell === spike)!;
    expect(hit).toBeDefined();
    expect(hit.observed).toBeGreaterThan(1.5 * hit.expected);
    expect(hit.qValue).toBeLessThan(1e-6);
    // A neighbourhood holding the spike is hot too (the halo), and so is the rise (120 reports this
    // week, 30 a week before); nothing else is.
    const halo = [...gridDisk(spike, 1), ...gridDisk(latLngToCell(RISE.lat, RISE.lng, 8), 1)];
    expect(a.hotspots.filter((h) => !halo.includes(h.cell))).toEqual([]);
    // Window and baseline totals are plain counts of the same reports.
    const { rows } = await sql<{ w: number; b: number }>`
      select count(*) filter (where created_at >= ${a.window.since}::timestamptz and created_at < ${a.window.until}::timestamptz)::int as w,
        count(*) filter (where created_at >= ${a.baseline.since}::timestamptz and created_at < ${a.baseline.until}::timestamptz)::int as b
      from reports`.execute(database.db);
    expect([a.windowReports, a.baselineReports]).toEqual([rows[0]!.w, rows[0]!.b]);
  });

  it('with rings: 0 each cell stands alone: the spike and the rise are the only hotspots, spike first', async () => {
    const { hotspots: a } = await data<{ hotspots: Analysis }>(server, HOTSPOTS, { k: 0 }, token);
    expect(a.hotspots.map((h) => h.cell)).toEqual([
      latLngToCell(SPIKE.lat, SPIKE.lng, 8),
      latLngToCell(RISE.lat, RISE.lng, 8),
    ]);
  });

  it('on the uniform noise alone (filter: khac) finds at most one false hotspot among the cells tested', async () => {
    const { hotspots: a } = await data<{ hotspots: Analysis }>(
      server,
      HOTSPOTS,
      { f: { categoryCode: 'khac' } },
      token,
    );
    expect(a.tested).toBeGreaterThan(80);
    expect(a.hotspots.length).toBeLessThanOrEqual(1);
  });

  it('a bbox makes the study area: the spike is found inside it, and only cells centred inside are returned', async () => {
    const bbox = [105.8, 20.99, 105.84, 21.03];
    const { hotspots: a } = await data<{ hotspots: Analysis }>(server, HOTSPOTS, { f: { bbox } }, token);
    expect(a.hotspots.map((h) => h.cell)).toContain(latLngToCell(SPIKE.lat, SPIKE.lng, 8));
    for (const h of a.hotspots) {
      const [lat, lng] = cellToLatLng(h.cell);
      expect(lng >= bbox[0]! && lat >= bbox[1]! && lng <= bbox[2]! && lat <= bbox[3]!).toBe(true);
    }
    const whole = await data<{ hotspots: Analysis }>(server, HOTSPOTS, {}, token);
    expect(a.tested).toBeLessThan(whole.hotspots.tested);
  });
});

describe('emerging hotspots (four weekly windows)', () => {
  const EMERGING = `query E($f: HotspotFilter) { emergingHotspots(resolution: 8, filter: $f) {
    windows { since until } tested hotspots { cell counts expected zScore qValue consecutiveRises } } }`;
  interface Emerging {
    tested: number;
    hotspots: Array<{
      cell: string;
      counts: number[];
      expected: number[];
      zScore: number;
      qValue: number;
      consecutiveRises: number;
    }>;
  }

  it('finds the planted rise, with its counts climbing window after window', async () => {
    const { emergingHotspots: e } = await data<{ emergingHotspots: Emerging }>(server, EMERGING, {}, token);
    const rise = e.hotspots.find((h) => h.cell === latLngToCell(RISE.lat, RISE.lng, 8));
    expect(rise).toBeDefined();
    expect(rise!.consecutiveRises).toBe(3);
    expect(rise!.counts[3]).toBeGreaterThan(rise!.expected[3]!);
    expect(rise!.qValue).toBeLessThanOrEqual(0.05);
  });

  it('on the steady noise alone finds at most one false emerging hotspot', async () => {
    const { emergingHotspots: e } = await data<{ emergingHotspots: Emerging }>(
      server,
      EMERGING,
      { f: { categoryCode: 'khac' } },
      token,
    );
    expect(e.tested).toBeGreaterThan(80);
    expect(e.hotspots.length).toBeLessThanOrEqual(1);
  });
});
