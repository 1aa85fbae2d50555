-- The `facilities` vector tile (MVT 2.1, extent 4096) for z/x/y: one layer `facilities`, feature id = facility id.
-- PL/pgSQL so the file does not depend on the load order of tile_facilities_features.sql.
CREATE OR REPLACE FUNCTION tile_facilities(z integer, x integer, y integer, query json DEFAULT '{}')
  RETURNS bytea
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  AS $$
BEGIN
  RETURN (
    SELECT coalesce(ST_AsMVT(t, 'facilities', 4096, 'geom', 'fid'), ''::bytea)
    FROM (
      SELECT f.fid, f.id, f.kind, f.name, f.address, f.phone,
             ST_AsMVTGeom(f.geom, ST_TileEnvelope(z, x, y), 4096, 64, true) AS geom
      FROM tile_facilities_features(z, x, y, query) f
    ) t
    WHERE t.geom IS NOT NULL
  );
END
$$;
