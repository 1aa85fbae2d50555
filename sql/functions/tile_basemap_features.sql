-- The offline basemap drawn in tile z/x/y, in EPSG:3857, simplified to one tile unit, sorted into the MVT
-- layers of the style: land, water (ocean, lakes, water areas), waterways (rivers, canals, streams as
-- lines), roads (with bridge/oneway flags), boundaries, countries. A feature appears from its min_zoom on.
-- Shared by tile_basemap() (PostGIS encodes) and the embedded engine (JS encodes).
CREATE OR REPLACE FUNCTION tile_basemap_features(z integer, x integer, y integer, query json DEFAULT '{}')
  RETURNS TABLE (layer text, fid bigint, geom geometry, class text, name text, name_en text, bridge boolean, oneway boolean)
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
  )
  SELECT CASE
           WHEN p.layer IN ('ocean', 'lakes', 'rivers', 'water', 'waterways')
             THEN CASE WHEN ST_Dimension(p.geom) = 2 THEN 'water' ELSE 'waterways' END
           ELSE p.layer
         END,
         p.id, ST_Simplify(ST_Transform(p.geom, 3857), p.unit, true), p.class, p.name, p.name_en,
         -- road flags only when true, so other features and ordinary roads carry no extra keys
         nullif((p.props ->> 'bridge')::boolean, false), nullif((p.props ->> 'oneway')::boolean, false)
  FROM picked p
  WHERE NOT ST_IsEmpty(p.geom)
  ORDER BY p.id
$$;
