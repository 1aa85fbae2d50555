-- The `basemap` vector tile (MVT 2.1, extent 4096) for z/x/y: layers land, water, waterways, roads,
-- boundaries, countries, places in drawing order; feature id = basemap_features.id (admin_units.id in places).
-- PL/pgSQL so the file does not depend on the load order of tile_basemap_features.sql.
CREATE OR REPLACE FUNCTION tile_basemap(z integer, x integer, y integer, query json DEFAULT '{}')
  RETURNS bytea
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  AS $$
BEGIN
  RETURN (
    WITH
    features AS MATERIALIZED (
      SELECT f.layer, f.fid, f.class, f.name, f.name_en, f.bridge, f.oneway, f.level,
             ST_AsMVTGeom(f.geom, ST_TileEnvelope(z, x, y), 4096, 64, true) AS geom
      FROM tile_basemap_features(z, x, y, query) f
    ),
    -- one MVT layer per name; concatenated MVT layers are a valid tile
    layers AS (
      SELECT l.ord, (
               SELECT ST_AsMVT(t, l.name, 4096, 'geom', 'fid')
               FROM (SELECT fid, class, name, name_en, bridge, oneway, level, geom
                     FROM features WHERE layer = l.name AND geom IS NOT NULL) t
             ) AS mvt
      FROM (VALUES (1, 'land'), (2, 'water'), (3, 'waterways'), (4, 'roads'), (5, 'boundaries'), (6, 'countries'),
                   (7, 'places')) AS l (ord, name)
    )
    SELECT coalesce(string_agg(mvt, ''::bytea ORDER BY ord), ''::bytea) FROM layers
  );
END
$$;
