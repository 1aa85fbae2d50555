// The real reference data is loaded completely, re-seeding changes nothing, routing sends reports to the
// right unit, and the workload generator produces consistent lifecycles — in both engines.
import { sql } from 'kysely';
import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReferenceData } from '../src/seed/seed.ts';
import { h3ToBigint, seedWorkload } from '../src/seed/workload.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

async function counts(): Promise<Record<string, number>> {
  const r = await sql<{ k: string; n: number }>`
    select 'admin_units' as k, count(*)::int as n from admin_units
    union all select 'districts', count(*)::int from admin_units where level = 2
    union all select 'units', count(*)::int from units
    union all select 'categories', count(*)::int from categories
    union all select 'facilities', count(*)::int from facilities
    union all select 'hospitals', count(*)::int from facilities where kind = 'hospital'
    union all select 'schools', count(*)::int from facilities where kind in ('school', 'kindergarten', 'university')
    union all select 'cameras_hcmc', count(*)::int from cameras where source = 'hcmc-traffic-portal'
    union all select 'cameras_hanoi', count(*)::int from cameras where source = 'osm-derived-hanoi'
    union all select 'basemap', count(*)::int from basemap_features
    union all select 'users', count(*)::int from users`.execute(t.db);
  return Object.fromEntries(r.rows.map((x) => [x.k, x.n]));
}

async function routeOf(lng: number, lat: number, categoryCode: string) {
  const r = await sql<{ admin: string | null; unit: string | null }>`
    select a.code as admin, u.code as unit
    from route_report(ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326), (select id from categories where code = ${categoryCode})) rt
    left join admin_units a on a.id = rt.admin_unit_id left join units u on u.id = rt.unit_id`.execute(t.db);
  return r.rows[0];
}

describe('reference data', () => {
  it('loads every province, Hà Nội district, facility and camera from the bundled open data', async () => {
    expect(await counts()).toMatchObject({
      admin_units: 93,
      districts: 30,
      categories: 16,
      hospitals: 170,
      schools: 1596,
      facilities: 1910,
      cameras_hcmc: 697,
      cameras_hanoi: 50,
      users: 6,
    });
  });

  it('keeps Vietnamese names with diacritics', async () => {
    const d = await t.db
      .selectFrom('admin_units')
      .select(['name', 'kind'])
      .where('code', '=', '002')
      .executeTakeFirstOrThrow();
    expect(d).toEqual({ name: 'Quận Hoàn Kiếm', kind: 'urban_district' });
    const sg = await t.db
      .selectFrom('admin_units')
      .select('name')
      .where('code', '=', 'VN-SG')
      .executeTakeFirstOrThrow();
    expect(sg.name).toBe('Hồ Chí Minh');
  });

  it('rebuilds lakes that came as outlines into filled water, such as Hồ Hoàn Kiếm', async () => {
    const r = await sql<{ layer: string; area: number }>`
      select layer, ST_Area(geom::geography) as area from basemap_features where name = 'Hồ Hoàn Kiếm'`.execute(
      t.db,
    );
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.layer).toBe('water');
    // The lake is about 12 ha.
    expect(r.rows[0]!.area).toBeGreaterThan(100_000);
    expect(r.rows[0]!.area).toBeLessThan(140_000);
  });

  it('gives the SOS category the shortest deadlines', async () => {
    const rows = await t.db
      .selectFrom('categories')
      .select(['code', 'ack_minutes', 'resolve_minutes', 'is_emergency'])
      .orderBy('ack_minutes')
      .execute();
    expect(rows[0]).toMatchObject({ code: 'khan-cap', is_emergency: true });
    expect(Math.min(...rows.map((r) => r.resolve_minutes))).toBe(rows[0]!.resolve_minutes);
  });

  it('changes nothing when seeded again', async () => {
    const before = await counts();
    await seedReferenceData(t, { quiet: true, demoPasswords: 'fixed' });
    expect(await counts()).toEqual(before);
  });
});

describe('routing', () => {
  it('sends rubbish at Hồ Gươm to the city environment company, inside Hoàn Kiếm', async () => {
    expect(await routeOf(105.8522, 21.0287, 'rac-thai')).toEqual({ admin: '002', unit: 'HN-URENCO' });
  });

  it('sends an uncategorised report to the district People’s Committee', async () => {
    expect(await routeOf(105.8522, 21.0287, 'khac')).toEqual({ admin: '002', unit: 'UBND-002' });
  });

  it('finds the province but no unit for a point in TP.HCM, which this demo city does not serve', async () => {
    expect(await routeOf(106.7, 10.78, 'rac-thai')).toEqual({ admin: 'VN-SG', unit: null });
  });

  it('finds nothing in the sea', async () => {
    expect(await routeOf(110, 15, 'rac-thai')).toEqual({ admin: null, unit: null });
  });
});

describe('workload generator', () => {
  const now = new Date('2026-11-01T03:00:00Z');
  beforeAll(async () => {
    await seedWorkload(t, { reports: 600, seed: 7, now, quiet: true });
  });

  it('creates exactly the requested reports, each routed, with a submitted event first', async () => {
    const r = await sql<{ n: number; routed: number; first_submitted: number }>`
      select count(*)::int as n, count(unit_id)::int as routed,
        count(*) filter (where (select action from report_events e where e.report_id = r.id order by created_at, id limit 1) = 'submitted')::int as first_submitted
      from reports r where source = 'import'`.execute(t.db);
    expect(r.rows[0]).toEqual({ n: 600, routed: 600, first_submitted: 600 });
  });

  it('replaces rather than adds when run again', async () => {
    await seedWorkload(t, { reports: 600, seed: 7, now, quiet: true });
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from reports where source = 'import'`.execute(t.db);
    expect(r.rows[0]!.n).toBe(600);
  });

  it('covers the lifecycle and keeps each state consistent with its timestamps', async () => {
    const rows = await sql<{ status: string; n: number; bad: number }>`
      select status::text, count(*)::int as n, count(*) filter (where not (
        case status
          when 'new' then acknowledged_at is null
          when 'acknowledged' then acknowledged_at is not null and started_at is null
          when 'in_progress' then started_at is not null and resolved_at is null
          when 'resolved' then resolved_at is not null and closed_at is null
          when 'closed' then closed_at is not null
          when 'duplicate' then duplicate_of is not null
          when 'rejected' then reject_reason is not null
        end))::int as bad
      from reports where source = 'import' group by status`.execute(t.db);
    const byStatus = Object.fromEntries(rows.rows.map((r) => [r.status, r]));
    for (const s of ['closed', 'resolved', 'in_progress', 'rejected', 'duplicate'])
      expect(byStatus[s]?.n ?? 0).toBeGreaterThan(0);
    expect(rows.rows.reduce((a, r) => a + r.bad, 0)).toBe(0);
    const extra = await sql<{ overdue: number; rated: number; reopened: number }>`
      select count(*) filter (where resolve_overdue_at is not null)::int as overdue,
        count(*) filter (where rating is not null)::int as rated, count(*) filter (where reopen_count > 0)::int as reopened
      from reports where source = 'import'`.execute(t.db);
    expect(extra.rows[0]!.overdue).toBeGreaterThan(0);
    expect(extra.rows[0]!.rated).toBeGreaterThan(0);
    expect(extra.rows[0]!.reopened).toBeGreaterThan(0);
  });

  it('stores H3 cells that match the point at every resolution', async () => {
    const rows = await sql<{ lng: number; lat: number; h6: string; h8: string; h10: string }>`
      select ST_X(geom) as lng, ST_Y(geom) as lat, h3_r6 as h6, h3_r8 as h8, h3_r10 as h10 from reports where source = 'import' limit 50`.execute(
      t.db,
    );
    for (const r of rows.rows) {
      const cell = latLngToCell(r.lat, r.lng, 10);
      expect(r.h10).toBe(h3ToBigint(cell));
      expect(r.h8).toBe(h3ToBigint(cellToParent(cell, 8)));
      expect(r.h6).toBe(h3ToBigint(cellToParent(cell, 6)));
    }
  });

  it('keeps reporters’ contact details in the private table only', async () => {
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from report_reporters p join reports r on r.id = p.report_id where r.source = 'import'`.execute(
      t.db,
    );
    expect(r.rows[0]!.n).toBeGreaterThan(100);
    const leaked = await sql<{ n: number }>`
      select count(*)::int as n from reports r join report_reporters p on p.report_id = r.id
      where r.description like '%' || p.phone || '%' or r.description like '%' || p.name || '%'`.execute(
      t.db,
    );
    expect(leaked.rows[0]!.n).toBe(0);
  });
});
