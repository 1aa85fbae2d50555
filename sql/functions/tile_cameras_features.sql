-- The public traffic cameras drawn in tile z/x/y, in EPSG:3857; private cameras never reach a tile.
-- Shared by tile_cameras() (PostGIS encodes) and the embedded engine (JS encodes).
-- query: {"status": "online"} keeps one camera status.
CREATE OR REPLACE FUNCTION tile_cameras_features(z integer, x integer, y integer, query json DEFAULT '{}')
  RETURNS TABLE (layer text, fid bigint, geom geometry, id integer, code text, name text, status text)
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
  WITH
  -- the tile plus its 64-unit buffer, in the table's SRID so the GiST index answers the && test
  tile AS (
    SELECT ST_Transform(ST_TileEnvelope(z, x, y, margin => 64.0 / 4096), 4326) AS box
  )
  SELECT 'cameras', c.id, ST_Transform(c.geom, 3857), c.id, c.code, c.name, c.status::text
  FROM cameras c, tile
  WHERE c.geom && tile.box
    AND c.is_public
    AND (query ->> 'status' IS NULL OR c.status::text = query ->> 'status')
  ORDER BY c.id
  LIMIT CASE WHEN z < 10 THEN 500 WHEN z < 13 THEN 2000 ELSE 10000 END
$$;
