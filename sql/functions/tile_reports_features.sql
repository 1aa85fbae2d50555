-- The field reports drawn in tile z/x/y, in EPSG:3857, newest first. Public: no reporter, no description,
-- never a join to report_reporters. Duplicates (shown through the report they were merged into) and
-- rejected reports (not a real problem) are left out.
-- Shared by tile_reports() (PostGIS encodes) and the embedded engine (JS encodes).
-- query: {"category": "<code>", "status": "<status>"} narrows the selection.
CREATE OR REPLACE FUNCTION tile_reports_features(z integer, x integer, y integer, query json DEFAULT '{}')
  RETURNS TABLE (layer text, fid bigint, geom geometry, id bigint, category_code text, status text, created_at text)
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
  WITH
  -- the tile plus its 64-unit buffer, in the table's SRID so the GiST index answers the && test
  tile AS (
    SELECT ST_Transform(ST_TileEnvelope(z, x, y, margin => 64.0 / 4096), 4326) AS box
  )
  SELECT 'reports', r.id, ST_Transform(r.geom, 3857), r.id, c.code, r.status::text,
         to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
  FROM reports r
  JOIN categories c ON c.id = r.category_id
  CROSS JOIN tile
  WHERE r.geom && tile.box
    AND r.status NOT IN ('duplicate', 'rejected')
    AND (query ->> 'category' IS NULL OR c.code = query ->> 'category')
    AND (query ->> 'status' IS NULL OR r.status::text = query ->> 'status')
  ORDER BY r.created_at DESC, r.id DESC
  -- low zooms are for the H3 hexagons; the tile keeps the newest reports only
  LIMIT CASE WHEN z < 10 THEN 500 WHEN z < 13 THEN 2000 ELSE 10000 END
$$;
