-- Administrative units drawn in tile z/x/y, in EPSG:3857, simplified to one tile unit. Below zoom 8 only the
-- top level (provinces) is drawn. Their names as label points are in the basemap tile (layer places).
-- Shared by tile_admin_units() (PostGIS encodes) and the embedded engine (JS encodes).
-- query: {"level": 2} keeps one level.
CREATE OR REPLACE FUNCTION tile_admin_units_features(z integer, x integer, y integer, query json DEFAULT '{}')
  RETURNS TABLE (layer text, fid bigint, geom geometry, id integer, code text, name text, name_en text, level integer, kind text)
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
  WITH
  -- the tile plus its 64-unit buffer (4326, for the index and the pre-clip) and one tile unit in metres
  tile AS (
    SELECT ST_Transform(ST_TileEnvelope(z, x, y, margin => 64.0 / 4096), 4326) AS box,
           40075016.685578488 / (4096 * 2 ^ z) AS unit
  )
  -- cut to the tile before projecting, so a province is not projected whole for a street-level tile;
  -- levels are data (the 2025 reform removed districts), so the zoom cut is by level
  SELECT 'admin_units', a.id, ST_Simplify(ST_Transform(ST_ClipByBox2D(a.geom, tile.box), 3857), tile.unit, true),
         a.id, a.code, a.name, a.name_en, a.level::integer, a.kind
  FROM admin_units a, tile
  WHERE a.geom && tile.box
    AND a.level <= CASE WHEN z < 8 THEN 1 ELSE 5 END
    AND (query ->> 'level' IS NULL OR a.level = (query ->> 'level')::integer)
  ORDER BY a.level, a.id
  LIMIT 2000
$$;
