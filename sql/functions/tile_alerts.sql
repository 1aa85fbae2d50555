-- The `alerts` vector tile (MVT 2.1, extent 4096) for z/x/y: one layer `alerts` of active alert areas.
-- PL/pgSQL so the file does not depend on the load order of tile_alerts_features.sql.
CREATE OR REPLACE FUNCTION tile_alerts(z integer, x integer, y integer, query json DEFAULT '{}')
  RETURNS bytea
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  AS $$
BEGIN
  RETURN (
    SELECT coalesce(ST_AsMVT(t, 'alerts', 4096, 'geom', 'fid'), ''::bytea)
    FROM (
      SELECT f.fid, f.id, f.event, f.severity, f.urgency, f.headline,
             ST_AsMVTGeom(f.geom, ST_TileEnvelope(z, x, y), 4096, 64, true) AS geom
      FROM tile_alerts_features(z, x, y, query) f
    ) t
    WHERE t.geom IS NOT NULL
  );
END
$$;
