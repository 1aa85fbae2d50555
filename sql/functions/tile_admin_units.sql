-- The `admin_units` vector tile (MVT 2.1, extent 4096) for z/x/y: layers `admin_units` (polygons) and
-- `admin_unit_labels` (label points), feature id = admin unit id in both.
-- PL/pgSQL so the file does not depend on the load order of tile_admin_units_features.sql.
CREATE OR REPLACE FUNCTION tile_admin_units(z integer, x integer, y integer, query json DEFAULT '{}')
  RETURNS bytea
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  AS $$
BEGIN
  RETURN (
    WITH
    features AS MATERIALIZED (
      SELECT f.*, ST_AsMVTGeom(f.geom, ST_TileEnvelope(z, x, y), 4096, 64, true) AS mvt_geom
      FROM tile_admin_units_features(z, x, y, query) f
    ),
    -- one MVT layer per name; concatenated MVT layers are a valid tile
    layers AS (
      SELECT 1 AS ord, ST_AsMVT(t, 'admin_units', 4096, 'geom', 'fid') AS mvt
      FROM (SELECT fid, id, code, name, name_en, level, kind, mvt_geom AS geom
            FROM features WHERE layer = 'admin_units' AND mvt_geom IS NOT NULL) t
      UNION ALL
      SELECT 2, ST_AsMVT(t, 'admin_unit_labels', 4096, 'geom', 'fid')
      FROM (SELECT fid, id, code, name, name_en, level, kind, mvt_geom AS geom
            FROM features WHERE layer = 'admin_unit_labels' AND mvt_geom IS NOT NULL) t
    )
    SELECT coalesce(string_agg(mvt, ''::bytea ORDER BY ord), ''::bytea) FROM layers
  );
END
$$;
