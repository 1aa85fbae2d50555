-- ST_AsMVTGeom without protobuf: a geometry in EPSG:3857 moved into tile coordinates (0..extent, y down),
-- clipped to the tile plus buffer, snapped to the integer grid and made valid, for the embedded engine,
-- whose PostGIS lacks ST_AsMVTGeom; the JS encoder (@maplibre/vt-pbf) turns the result into MVT.
-- NULL when nothing of the geometry is left in the tile, as ST_AsMVTGeom does.
CREATE OR REPLACE FUNCTION tile_mvt_geom(
  geom geometry,
  bounds geometry,
  extent integer DEFAULT 4096,
  buffer integer DEFAULT 256,
  clip_geom boolean DEFAULT true
) RETURNS geometry
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
  WITH
  -- the scale from map metres to tile units; y flips because tile rows grow downwards
  frame AS (
    SELECT extent / (ST_XMax(bounds) - ST_XMin(bounds)) AS sx,
           extent / (ST_YMax(bounds) - ST_YMin(bounds)) AS sy,
           ST_XMin(bounds) AS x0, ST_YMax(bounds) AS y1
  ),
  -- into tile units, then cut to the tile plus its buffer so neighbours overlap for labels and strokes
  moved AS (
    SELECT ST_Affine(geom, sx, 0, 0, -sy, -x0 * sx, y1 * sy) AS g FROM frame
  ),
  clipped AS (
    SELECT CASE WHEN clip_geom THEN ST_ClipByBox2D(g, ST_MakeEnvelope(-buffer, -buffer, extent + buffer, extent + buffer))
                ELSE g END AS g
    FROM moved
  ),
  -- integer grid; collapsed rings, repeated and collinear points go, the rest is repaired and kept in its own dimension
  snapped AS (
    SELECT ST_Simplify(ST_RemoveRepeatedPoints(ST_SnapToGrid(g, 1)), 0) AS g, ST_Dimension(geom) AS dim FROM clipped
  ),
  repaired AS (
    SELECT CASE dim
             WHEN 2 THEN ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(g), 3))
             WHEN 1 THEN ST_CollectionExtract(ST_MakeValid(g), 2)
             ELSE ST_CollectionExtract(g, 1)
           END AS g
    FROM snapped
    WHERE g IS NOT NULL AND NOT ST_IsEmpty(g)
  )
  -- positive area in tile coordinates (y down) is what MVT 2.1 calls an exterior ring
  SELECT CASE WHEN ST_IsEmpty(g) THEN NULL ELSE g END FROM repaired
$$;
