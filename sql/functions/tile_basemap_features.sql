-- The offline basemap drawn in tile z/x/y, in EPSG:3857, simplified to one tile unit, sorted into the MVT
-- layers of the style: land, water (ocean, lakes, water areas), waterways (rivers, canals, streams as
-- lines), roads (with bridge/oneway flags), boundaries, countries (borders), and places (administrative
-- unit label points: provinces from zoom 0, districts and below from zoom 8). A basemap feature appears from
-- its min_zoom on; Natural Earth rivers and lakes only up to zoom 8.
-- Shared by tile_basemap() (PostGIS encodes) and the embedded engine (JS encodes).
CREATE OR REPLACE FUNCTION tile_basemap_features(z integer, x integer, y integer, query json DEFAULT '{}')
  RETURNS TABLE (
    layer text, fid bigint, geom geometry, class text, name text, name_en text,
    bridge boolean, oneway boolean, level integer
  )
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
  WITH
  -- the tile plus its 64-unit buffer (4326, for the index and the pre-clip) and one tile unit in metres
  tile AS (
    SELECT ST_Transform(ST_TileEnvelope(z, x, y, margin => 64.0 / 4096), 4326) AS box,
           40075016.685578488 / (4096 * 2 ^ z) AS unit
  ),
  -- pre-clip in 4326 so a world land polygon is not projected whole for a street-level tile
  picked AS (
    SELECT b.id, b.layer, b.class, b.name, b.name_en, b.props, ST_ClipByBox2D(b.geom, tile.box) AS geom, tile.unit
    FROM basemap_features b, tile
    WHERE b.geom && tile.box
      AND b.min_zoom <= z
      -- Natural Earth rivers and lakes are a few kilometres off at street level, where OSM water takes over
      AND (b.layer NOT IN ('rivers', 'lakes') OR z < 9)
  ),
  features AS (
    SELECT CASE
             WHEN p.layer IN ('ocean', 'lakes', 'rivers', 'water', 'waterways')
               THEN CASE WHEN ST_Dimension(p.geom) = 2 THEN 'water' ELSE 'waterways' END
             ELSE p.layer
           END AS layer,
           p.id AS fid, ST_Simplify(ST_Transform(p.geom, 3857), p.unit, true) AS geom, p.class, p.name, p.name_en,
           -- road flags only when true, so other features and ordinary roads carry no extra keys
           nullif((p.props ->> 'bridge')::boolean, false) AS bridge,
           nullif((p.props ->> 'oneway')::boolean, false) AS oneway,
           NULL::integer AS level
    FROM picked p
    WHERE NOT ST_IsEmpty(p.geom)
  ),
  -- unit names at their label points, with the same zoom cut as the admin_units tile
  places AS (
    SELECT 'places' AS layer, a.id::bigint AS fid, ST_Transform(a.label_point, 3857) AS geom, a.kind AS class,
           a.name, a.name_en, NULL::boolean AS bridge, NULL::boolean AS oneway, a.level::integer AS level
    FROM admin_units a, tile
    WHERE a.label_point && tile.box
      AND a.level <= CASE WHEN z < 8 THEN 1 ELSE 5 END
  )
  SELECT * FROM (SELECT * FROM features ORDER BY fid) f
  UNION ALL
  SELECT * FROM (SELECT * FROM places ORDER BY level, fid) p
$$;
