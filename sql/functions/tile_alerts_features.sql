-- The areas of active public alerts drawn in tile z/x/y, in EPSG:3857, simplified for the zoom. Active: an
-- actual Alert or Update that is not superseded, not cancelled and not expired. One feature per area
-- (feature id = alert_areas.id); `id` is the alert's id.
-- Shared by tile_alerts() (PostGIS encodes) and the embedded engine (JS encodes).
-- query: {"severity": "Extreme"} keeps one severity.
CREATE OR REPLACE FUNCTION tile_alerts_features(z integer, x integer, y integer, query json DEFAULT '{}')
  RETURNS TABLE (layer text, fid bigint, geom geometry, id integer, event text, severity text, urgency text, headline text)
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
  WITH
  -- the tile plus its 64-unit buffer (4326, for the index and the pre-clip) and one tile unit in metres
  tile AS (
    SELECT ST_Transform(ST_TileEnvelope(z, x, y, margin => 64.0 / 4096), 4326) AS box,
           40075016.685578488 / (4096 * 2 ^ z) AS unit
  )
  SELECT 'alerts', aa.id, ST_Simplify(ST_Transform(ST_ClipByBox2D(aa.geom, tile.box), 3857), tile.unit, true),
         a.id, a.event, a.severity::text, a.urgency::text, a.headline
  FROM alert_areas aa
  JOIN alerts a ON a.id = aa.alert_id
  CROSS JOIN tile
  WHERE aa.geom && tile.box
    AND a.status = 'Actual'
    AND a.scope = 'Public'
    AND a.msg_type IN ('Alert', 'Update')
    AND a.superseded_by IS NULL
    AND a.cancelled_at IS NULL
    AND (a.expires_at IS NULL OR a.expires_at > now())
    AND (query ->> 'severity' IS NULL OR a.severity::text = query ->> 'severity')
  ORDER BY a.id, aa.id
  LIMIT 1000
$$;
