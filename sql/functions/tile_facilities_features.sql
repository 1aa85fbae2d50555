-- The facilities (schools, clinics, hospitals) drawn in tile z/x/y, in EPSG:3857, with their public properties.
-- Shared by tile_facilities() (PostGIS encodes) and the embedded engine (JS encodes), so both pick the same rows.
-- query: {"kind": "school"} keeps one facility kind.
CREATE OR REPLACE FUNCTION tile_facilities_features(z integer, x integer, y integer, query json DEFAULT '{}')
  RETURNS TABLE (layer text, fid bigint, geom geometry, id integer, kind text, name text, address text, phone text)
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
  WITH
  -- the tile plus its 64-unit buffer, in the table's SRID so the GiST index answers the && test
  tile AS (
    SELECT ST_Transform(ST_TileEnvelope(z, x, y, margin => 64.0 / 4096), 4326) AS box
  )
  SELECT 'facilities', f.id, ST_Transform(f.geom, 3857), f.id, f.kind::text, f.name, f.address, f.phone
  FROM facilities f, tile
  WHERE f.geom && tile.box
    AND (query ->> 'kind' IS NULL OR f.kind::text = query ->> 'kind')
  ORDER BY f.id
  -- a low-zoom tile covers the whole city: cap it so the tile stays small
  LIMIT CASE WHEN z < 10 THEN 500 WHEN z < 13 THEN 2000 ELSE 10000 END
$$;
