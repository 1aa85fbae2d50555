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
const ROAD_MIN_ZOOM: Record<string, number> = {
  motorway: 8, trunk: 8, primary: 10, secondary: 11, tertiary: 12,
  motorway_link: 13, trunk_link: 13, primary_link: 13, secondary_link: 13, tertiary_link: 13,
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
  const water = readFeatures('basemap/hanoi/water.geojson', ['Polygon', 'MultiPolygon', 'LineString', 'MultiLineString']).map(
    (f) => {
      const p = f.properties;
      if (f.geometry.type.endsWith('LineString')) return row('waterways', String(p.waterway ?? 'stream'), f, 11);
      return row('water', String(p.water ?? p.natural ?? 'water'), f, p.water === 'river' ? 8 : 12);
    },
  );
  const boundaries = readFeatures('basemap/hanoi/boundaries.geojson', ['LineString', 'MultiLineString']).map((f) =>
    row('boundaries', `admin_level_${String(f.properties.admin_level ?? 'unknown')}`, f, 10),
  );
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (tx) => {
    await replace(tx, 'natural-earth', ne);
    await replace(tx, 'osm-hanoi', [...roads, ...water, ...boundaries]);
  });
  for (const r of [...ne, ...roads, ...water, ...boundaries]) counts[r.layer] = (counts[r.layer] ?? 0) + 1;
  return counts;
}

function row(layer: string, cls: string, f: Feature, minZoom: number, props: Record<string, unknown> = {}): BasemapRow {
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
      cross join lateral (select ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(r->'geometry'), 4326)) as geom) g
      where not ST_IsEmpty(g.geom)`.execute(db);
  }
}

function numberOrNull(v: unknown): number | null {
  const n = Number.parseFloat(String(v));
  return Number.isFinite(n) ? n : null;
}
