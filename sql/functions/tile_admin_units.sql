-- The `admin_units` vector tile (MVT 2.1, extent 4096) for z/x/y: one layer `admin_units` of unit polygons,
-- feature id = admin unit id.
-- PL/pgSQL so the file does not depend on the load order of tile_admin_units_features.sql.
CREATE OR REPLACE FUNCTION tile_admin_units(z integer, x integer, y integer, query json DEFAULT '{}')
  RETURNS bytea
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  AS $$
BEGIN
  RETURN (
    SELECT coalesce(ST_AsMVT(t, 'admin_units', 4096, 'geom', 'fid'), ''::bytea)
    FROM (
      SELECT f.fid, f.id, f.code, f.name, f.name_en, f.level, f.kind,
             ST_AsMVTGeom(f.geom, ST_TileEnvelope(z, x, y), 4096, 64, true) AS geom
      FROM tile_admin_units_features(z, x, y, query) f
    ) t
    WHERE t.geom IS NOT NULL
  );
END
$$;
