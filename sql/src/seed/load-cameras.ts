// Loads TP.HCM's published traffic cameras and derives Hà Nội demo camera sites from real
// intersections of major roads in the OSM network (no open Hà Nội camera list exists).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { readFeatures, text } from './data-files.ts';
import { assignAdminUnits } from './load-facilities.ts';

/** How many Hà Nội intersections get a demo camera. */
export const HANOI_CAMERA_COUNT = 60;

export async function loadCameras(db: Kysely<DB>): Promise<{ hcmc: number; hanoi: number }> {
  // The crawl lists a few cameras twice; the first listing wins.
  const seen = new Set<string>();
  const hcmc = readFeatures('cameras/hcmc_traffic_cameras.geojson', ['Point']).flatMap((f) => {
    const p = f.properties;
    const id = text(p.cam_id);
    const name = text(p.name);
    if (!id || !name || seen.has(id)) return [];
    seen.add(id);
    const [lng, lat] = f.geometry.coordinates as [number, number];
    return [
      {
        code: `hcm-${id}`,
        name,
        streets: Array.isArray(p.streets) ? p.streets.map((s) => String(s).normalize('NFC')) : [],
        ptz: p.ptz === true,
        external_id: id,
        lng,
        lat,
      },
    ];
  });
  await sql`
    insert into cameras (code, name, streets, geom, ptz, is_public, source, external_id)
    select r->>'code', r->>'name', array(select jsonb_array_elements_text(r->'streets')),
           ST_SetSRID(ST_MakePoint((r->>'lng')::float8, (r->>'lat')::float8), 4326), (r->>'ptz')::boolean, true,
           'hcmc-traffic-portal', r->>'external_id'
    from jsonb_array_elements(${JSON.stringify(hcmc)}::jsonb) r
    on conflict (source, external_id) do update set code = excluded.code, name = excluded.name,
      streets = excluded.streets, geom = excluded.geom, ptz = excluded.ptz, updated_at = now()`.execute(db);

  // Crossings of two differently named trunk/primary/secondary roads, thinned so no two sites are
  // within 300 m; the ordering makes the choice (and so each camera's code) the same on every run.
  const hanoi = await sql<{ n: number }>`
    with major as (
      select id, name, geom from basemap_features
      where layer = 'roads' and class in ('trunk', 'primary', 'secondary') and name is not null
    ), crossings as (
      select least(a.name, b.name) as n1, greatest(a.name, b.name) as n2, (ST_Dump(ST_Intersection(a.geom, b.geom))).geom as pt
      from major a join major b on a.id < b.id and a.name <> b.name and ST_Intersects(a.geom, b.geom)
    ), points as (
      select n1, n2, pt from crossings where GeometryType(pt) = 'POINT'
    ), clustered as (
      select n1, n2, pt, ST_ClusterDBSCAN(ST_Transform(pt, 3857), eps => 300, minpoints => 1) over () as cid
      from points
    ), sites as (
      select distinct on (cid) n1, n2, pt from clustered order by cid, n1, n2, ST_X(pt), ST_Y(pt)
    ), chosen as (
      select n1, n2, pt, row_number() over (order by n1, n2, ST_X(pt)) as rn from sites
      order by n1, n2, ST_X(pt) limit ${HANOI_CAMERA_COUNT}
    ), upserted as (
      insert into cameras (code, name, streets, geom, ptz, is_public, source, external_id)
      select 'hn-' || lpad(rn::text, 3, '0'), n1 || ' - ' || n2, array[n1, n2], pt, rn % 4 = 0, rn % 10 <> 0,
             'osm-derived-hanoi', n1 || '|' || n2 || '|' || round(ST_X(pt)::numeric, 5) || ',' || round(ST_Y(pt)::numeric, 5)
      from chosen
      on conflict (source, external_id) do update set code = excluded.code, name = excluded.name,
        streets = excluded.streets, geom = excluded.geom, updated_at = now()
      returning 1
    )
    select count(*)::int as n from upserted`.execute(db);
  await assignAdminUnits(db, 'cameras');
  return { hcmc: hcmc.length, hanoi: hanoi.rows[0]?.n ?? 0 };
}
