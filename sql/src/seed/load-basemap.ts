// Loads the offline basemap: Natural Earth (land, lakes, rivers, borders) for low zooms and OSM roads,
// water and boundaries of inner Hà Nội. Each source is replaced whole, so re-running leaves one copy.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { readFeatures, text, type Feature } from './data-files.ts';

interface BasemapRow {
  layer: string;
  class: string;
  name: string | null;
  name_en: string | null;
  min_zoom: number;
  props: Record<string, unknown>;
  geometry: Feature['geometry'];
}

// The zoom at which each road class appears; majors first so low-zoom tiles stay light.
// prettier-ignore -- one row per entry reads as a table
const ROAD_MIN_ZOOM: Record<string, number> = {
  motorway: 8,
  trunk: 8,
  primary: 10,
  secondary: 11,
  tertiary: 12,
  motorway_link: 13,
  trunk_link: 13,
  primary_link: 13,
  secondary_link: 13,
  tertiary_link: 13,
};

export async function loadBasemap(db: Kysely<DB>): Promise<Record<string, number>> {
  const ne: BasemapRow[] = [
    ...readFeatures('basemap/natural-earth/land.geojson', ['Polygon', 'MultiPolygon']).map((f) =>
      row('land', 'land', f, 0),
    ),
    ...readFeatures('basemap/natural-earth/lakes.geojson', ['Polygon', 'MultiPolygon']).map((f) =>
      row('lakes', 'lake', f, Math.max(0, Number(f.properties.scalerank ?? 0) - 1)),
    ),
    ...readFeatures('basemap/natural-earth/rivers.geojson', ['LineString', 'MultiLineString']).map((f) =>
      row('rivers', 'river', f, Math.floor(Number(f.properties.min_zoom ?? 4))),
    ),
    ...readFeatures('basemap/natural-earth/boundaries.geojson', ['LineString', 'MultiLineString']).map((f) =>
      row('countries', 'country', f, 0),
    ),
  ];
  const roads = readFeatures('basemap/hanoi/roads.geojson', ['LineString', 'MultiLineString']).map((f) => {
    const cls = String(f.properties.highway);
    return row('roads', cls, f, ROAD_MIN_ZOOM[cls] ?? 13, {
      lanes: numberOrNull(f.properties.lanes),
      oneway: f.properties.oneway === 'yes',
      bridge: f.properties.bridge === 'yes',
      maxspeed: numberOrNull(f.properties.maxspeed),
      osm_id: f.properties.osm_id,
    });
  });
  const water: BasemapRow[] = [];
  const outlines: BasemapRow[] = [];
  for (const f of readFeatures('basemap/hanoi/water.geojson', [
    'Polygon',
    'MultiPolygon',
    'LineString',
    'MultiLineString',
  ])) {
    const p = f.properties;
    const cls = String(p.water ?? p.natural ?? 'water');
    const minZoom = p.water === 'river' ? 8 : 12;
    if (!f.geometry.type.endsWith('LineString')) water.push(row('water', cls, f, minZoom));
    else if (p.waterway) water.push(row('waterways', String(p.waterway), f, 11));
    // Lakes and ponds that came as their outline (a closed way, or the member ways of a relation):
    // rebuilt into areas per OSM object so they fill like the others.
    else outlines.push(row('water', cls, f, minZoom, { group: `${String(p.osm_type)}/${String(p.osm_id)}` }));
  }
  const boundaries = readFeatures('basemap/hanoi/boundaries.geojson', ['LineString', 'MultiLineString']).map(
    (f) => row('boundaries', `admin_level_${String(f.properties.admin_level ?? 'unknown')}`, f, 10),
  );
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (tx) => {
    await replace(tx, 'natural-earth', ne);
    await replace(tx, 'osm-hanoi', [...roads, ...water, ...boundaries]);
    counts.water_from_outlines = await insertOutlinedAreas(tx, 'osm-hanoi', outlines);
  });
  for (const r of [...ne, ...roads, ...water, ...boundaries]) counts[r.layer] = (counts[r.layer] ?? 0) + 1;
  return counts;
}

function row(
  layer: string,
  cls: string,
  f: Feature,
  minZoom: number,
  props: Record<string, unknown> = {},
): BasemapRow {
  return {
    layer,
    class: cls,
    name: text(f.properties.name),
    name_en: text(f.properties['name:en']),
    min_zoom: Math.min(22, Math.max(0, minZoom)),
    props,
    geometry: f.geometry,
  };
}

async function replace(db: Kysely<DB>, source: string, rows: BasemapRow[]): Promise<void> {
  await db.deleteFrom('basemap_features').where('source', '=', source).execute();
  // Batches keep each statement's JSON parameter modest (the Natural Earth land polygon alone is ~1 MB).
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    await sql`
      insert into basemap_features (layer, class, name, name_en, min_zoom, props, source, geom)
      select r->>'layer', r->>'class', r->>'name', r->>'name_en', (r->>'min_zoom')::smallint, r->'props', ${source}, g.geom
      from jsonb_array_elements(${JSON.stringify(batch)}::jsonb) r
      cross join lateral (select ST_SetSRID(ST_GeomFromGeoJSON(r->'geometry'), 4326) as raw) s
      cross join lateral (select ST_MakeValid(s.raw) as geom) g
      -- Degenerate shapes (a two-point line on one spot) collapse when made valid: leave them out.
      where not ST_IsEmpty(g.geom) and ST_Dimension(g.geom) = ST_Dimension(s.raw)`.execute(db);
  }
}

/**
 * Builds areas from outline lines grouped by OSM object (ST_BuildArea handles inner rings). Outlines
 * that do not close (cut by the extract's box) stay lines, drawn as a shore.
 */
async function insertOutlinedAreas(db: Kysely<DB>, source: string, rows: BasemapRow[]): Promise<number> {
  const r = await sql<{ n: number }>`
    with lines as (
      select r->'props'->>'group' as grp, r->>'class' as class, r->>'name' as name, r->>'name_en' as name_en,
             (r->>'min_zoom')::smallint as min_zoom, ST_SetSRID(ST_GeomFromGeoJSON(r->'geometry'), 4326) as geom
      from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) r
    ), grouped as (
      select grp, min(class) as class, min(name) as name, min(name_en) as name_en, min(min_zoom) as min_zoom,
             ST_Union(geom) as lines
      from lines group by grp
    ), built as (
      select g.*, ST_MakeValid(ST_BuildArea(g.lines)) as area from grouped g
    ), inserted as (
      insert into basemap_features (layer, class, name, name_en, min_zoom, props, source, geom)
      select case when ok then 'water' else 'waterways' end, case when ok then class else 'shore' end,
             name, name_en, min_zoom, '{}', ${source}, case when ok then area else lines end
      from (select b.*, coalesce(not ST_IsEmpty(b.area) and ST_Dimension(b.area) = 2, false) as ok from built b) x
      where ok or (not ST_IsEmpty(lines) and ST_Dimension(lines) = 1)
      returning layer
    )
    select count(*) filter (where layer = 'water')::int as n from inserted`.execute(db);
  return r.rows[0]?.n ?? 0;
}

function numberOrNull(v: unknown): number | null {
  const n = Number.parseFloat(String(v));
  return Number.isFinite(n) ? n : null;
}
