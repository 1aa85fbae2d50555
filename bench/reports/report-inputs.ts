// The reports the benchmark submits: points in inner Hà Nội (15 % clustered at the workload's hotspots, so
// the duplicate check finds neighbours), the workload's category mix and Vietnamese texts — and, for the
// plain-INSERT baseline, the same rows with everything gis-api derives precomputed (route, H3, SLA).
import { sql } from 'kysely';
import { reportCells, type Database, type ReportCells } from '@ioc/sql';
import { CATEGORIES } from '../../sql/src/seed/reference-data.ts';
import { HOTSPOTS, rng } from '../../sql/src/seed/workload.ts';
import { DESCRIPTIONS, pick } from '../../sql/src/seed/workload-text.ts';

/** Inner Hà Nội, [minLng, minLat, maxLng, maxLat]: every point in it is inside a served district. */
const INNER_CITY = [105.78, 20.97, 105.89, 21.07] as const;
const METRES_PER_DEGREE = 111_320;

export interface ReportInput {
  lng: number;
  lat: number;
  categoryId: number;
  categoryCode: string;
  description: string;
  address: string;
  /** What gis-api derives in its transaction, precomputed for the baseline. */
  adminUnitId: number | null;
  unitId: number;
  ackMinutes: number;
  resolveMinutes: number;
  cells: ReportCells;
}

export async function makeReportInputs(database: Database, n: number, seed: number): Promise<ReportInput[]> {
  const r = rng(seed);
  const categories = await database.db
    .selectFrom('categories')
    .select(['id', 'code', 'ack_minutes', 'resolve_minutes'])
    .where('active', '=', true)
    .execute();
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const weighted = CATEGORIES.filter((c) => byCode.has(c.code));
  const total = weighted.reduce((a, c) => a + c.weight, 0);
  const points = Array.from({ length: n }, (_, i) => {
    let code = weightedPick(weighted, total, r).code;
    let lng: number;
    let lat: number;
    if (r() < 0.15) {
      const h = pick(HOTSPOTS, r);
      if (r() < 0.6) code = h.category;
      lng = h.lng + (gaussian(r) * h.sigma) / (METRES_PER_DEGREE * Math.cos((h.lat * Math.PI) / 180));
      lat = h.lat + (gaussian(r) * h.sigma) / METRES_PER_DEGREE;
    } else {
      lng = INNER_CITY[0] + r() * (INNER_CITY[2] - INNER_CITY[0]);
      lat = INNER_CITY[1] + r() * (INNER_CITY[3] - INNER_CITY[1]);
    }
    const c = byCode.get(code)!;
    const texts = DESCRIPTIONS[code] ?? DESCRIPTIONS.khac ?? ['Phản ánh hiện trường'];
    return { i, lng: round6(lng), lat: round6(lat), c, description: `${pick(texts, r)} (#${i + 1})` };
  });

  // route_report() for all of them in one statement: the function gis-api calls in its transaction.
  const { rows } = await sql<{ i: number; adminUnitId: number | null; unitId: number | null }>`
    select (t.i - 1)::int as i, rr.admin_unit_id as "adminUnitId", rr.unit_id as "unitId"
    from unnest(${points.map((p) => p.lng)}::float8[], ${points.map((p) => p.lat)}::float8[],
                ${points.map((p) => p.c.id)}::int[]) with ordinality as t(lng, lat, category_id, i)
    cross join lateral route_report(ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326), t.category_id) rr
    order by t.i`.execute(database.db);
  const routes = new Map(rows.map((row) => [row.i, row]));
  const inputs: ReportInput[] = [];
  for (const p of points) {
    const route = routes.get(p.i);
    if (!route || route.unitId === null) continue; // outside every served area: gis-api would refuse it
    inputs.push({
      lng: p.lng,
      lat: p.lat,
      categoryId: p.c.id,
      categoryCode: p.c.code,
      description: p.description,
      address: `Điểm ${p.i + 1}, Hà Nội`,
      adminUnitId: route.adminUnitId,
      unitId: route.unitId,
      ackMinutes: p.c.ack_minutes,
      resolveMinutes: p.c.resolve_minutes,
      cells: reportCells(p.lng, p.lat),
    });
  }
  if (inputs.length < n * 0.99)
    throw new Error(`only ${inputs.length} of ${n} generated points are routable`);
  return inputs;
}

function weightedPick<T extends { weight: number }>(items: readonly T[], total: number, r: () => number): T {
  let x = r() * total;
  for (const item of items) {
    x -= item.weight;
    if (x < 0) return item;
  }
  return items[items.length - 1]!;
}

function gaussian(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
