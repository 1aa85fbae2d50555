// Loads Vietnam's provinces (geoBoundaries ADM1) and Hà Nội's 30 districts (ADM2, GSO codes) into admin_units.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { readFeatures, text, type Feature } from './data-files.ts';

// geoBoundaries spells a few provinces without diacritics; the product keeps Vietnamese names.
const PROVINCE_NAMES: Record<string, string> = { 'VN-SG': 'Hồ Chí Minh' };
// Centrally governed cities (thành phố trực thuộc trung ương).
const CITIES = new Set(['VN-HN', 'VN-SG', 'VN-HP', 'VN-DN', 'VN-CT']);
const DISTRICT_KIND: Record<string, string> = { Quận: 'urban_district', Huyện: 'district', 'Thị xã': 'town' };

interface AdminRow {
  code: string;
  parent_code: string | null;
  level: number;
  kind: string;
  name: string;
  name_en: string | null;
  source: string;
  geometry: Feature['geometry'] | Feature['geometry'][];
}

export const HANOI_CODE = 'VN-HN';

export async function loadAdminUnits(db: Kysely<DB>): Promise<{ provinces: number; districts: number }> {
  const provinces = new Map<string, AdminRow>();
  for (const f of readFeatures('admin/vn_provinces.geojson', ['Polygon', 'MultiPolygon'])) {
    const code = text(f.properties.shapeISO);
    const name = text(f.properties.shapeName);
    if (!code || !name) continue;
    const existing = provinces.get(code);
    // Côn Đảo comes as its own shape with Bà Rịa–Vũng Tàu's code: it is part of that province.
    if (existing) {
      (existing.geometry as Feature['geometry'][]).push(f.geometry);
      continue;
    }
    provinces.set(code, {
      code,
      parent_code: null,
      level: 1,
      kind: CITIES.has(code) ? 'city' : 'province',
      name: PROVINCE_NAMES[code] ?? name,
      name_en: name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D')),
      source: 'geoBoundaries gbOpen VNM ADM1',
      geometry: [f.geometry],
    });
  }
  const districts: AdminRow[] = readFeatures('admin/hanoi_districts.geojson', [
    'Polygon',
    'MultiPolygon',
  ]).map((f, i) => {
    const code = text(f.properties.district_code);
    const name = text(f.properties.name_vi);
    const kind = DISTRICT_KIND[String(f.properties.type)];
    if (!code || !name || !kind) {
      throw new Error(
        `data/admin/hanoi_districts.geojson: feature ${i} lacks district_code, name_vi or a known type`,
      );
    }
    return {
      code,
      parent_code: HANOI_CODE,
      level: 2,
      kind,
      name,
      name_en: text(f.properties.shapeName),
      source: 'geoBoundaries VNM ADM2 (2020)',
      geometry: f.geometry,
    };
  });
  await upsert(db, [...provinces.values()]);
  await upsert(db, districts);
  return { provinces: provinces.size, districts: districts.length };
}

async function upsert(db: Kysely<DB>, rows: AdminRow[]): Promise<void> {
  const payload = rows.map((r) => ({
    ...r,
    geometry: Array.isArray(r.geometry) ? { type: 'GeometryCollection', geometries: r.geometry } : r.geometry,
  }));
  // ST_MakeValid: the simplified boundaries have a few self-touching rings; store only polygonal parts.
  await sql`
    insert into admin_units (parent_id, level, kind, code, name, name_en, geom, label_point, area_km2, source)
    select p.id, (r->>'level')::smallint, r->>'kind', r->>'code', r->>'name', r->>'name_en', g.geom,
           ST_PointOnSurface(g.geom), ST_Area(g.geom::geography) / 1e6, r->>'source'
    from jsonb_array_elements(${JSON.stringify(payload)}::jsonb) r
    cross join lateral (
      select ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(r->'geometry'), 4326)), 3))::geometry(MultiPolygon, 4326) as geom
    ) g
    left join admin_units p on p.code = r->>'parent_code'
    on conflict (code) do update set
      parent_id = excluded.parent_id, level = excluded.level, kind = excluded.kind, name = excluded.name,
      name_en = excluded.name_en, geom = excluded.geom, label_point = excluded.label_point,
      area_km2 = excluded.area_km2, source = excluded.source`.execute(db);
}
