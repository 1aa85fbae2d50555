-- ST_AsMVTGeom without protobuf, for the embedded engine whose PostGIS lacks it: a geometry in EPSG:3857
-- moved into tile coordinates (0..extent, y down), snapped to the integer grid, clipped to the tile plus
-- buffer and made valid, following the steps of PostGIS's own mvt_geom() so both engines draw the same tile;
-- the JS encoder (@maplibre/vt-pbf) turns the result into MVT. NULL when nothing is left, as ST_AsMVTGeom.
-- PL/pgSQL because it runs once per feature: each step is a simple expression, evaluated without starting
-- an executor, where a LANGUAGE sql body with CTEs cost ~1 ms per call.
CREATE OR REPLACE FUNCTION tile_mvt_geom(
  geom geometry,
  bounds geometry,
  extent integer DEFAULT 4096,
  buffer integer DEFAULT 256,
  clip_geom boolean DEFAULT true
) RETURNS geometry
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
DECLARE
  width double precision := ST_XMax(bounds) - ST_XMin(bounds);
  height double precision := ST_YMax(bounds) - ST_YMin(bounds);
  sx double precision := extent / width;
  sy double precision := extent / height;
  -- half a tile unit in map metres: the finest detail the tile can hold
  res double precision := least(width, height) / extent / 2;
  dim integer := ST_Dimension(geom);
  box geometry := ST_MakeEnvelope(-buffer, -buffer, extent + buffer, extent + buffer, 0);
  g geometry;
BEGIN
  IF geom IS NULL OR ST_IsEmpty(geom) THEN
    RETURN NULL;
  END IF;
  -- drop detail under half a unit (parts that collapse go), then into tile units, y flipped, on the grid
  g := ST_SetSRID(ST_SnapToGrid(ST_Affine(ST_Simplify(ST_RemoveRepeatedPoints(geom, res), res, false),
                                          sx, 0, 0, -sy, -ST_XMin(bounds) * sx, ST_YMax(bounds) * sy), 1), 0);
  IF g IS NULL OR ST_IsEmpty(g) THEN
    RETURN NULL;
  END IF;
  -- cut to the tile plus its buffer, so neighbours overlap for strokes and labels; only when the bounding box
  -- reaches past it, and polygons by intersection, which keeps them closed
  IF clip_geom AND NOT g @ box THEN
    IF NOT g && box THEN
      RETURN NULL;
    END IF;
    g := CASE WHEN dim = 2 THEN ST_Intersection(ST_MakeValid(g), box) ELSE ST_ClipByBox2D(g, box) END;
  END IF;
  IF dim = 0 THEN
    g := ST_CollectionExtract(ST_SnapToGrid(g, 1), 1);
  ELSIF dim = 1 THEN
    g := ST_CollectionExtract(ST_Simplify(ST_SnapToGrid(g, 1), 0), 2);
  ELSE
    -- back on the grid and valid; a polygon collapsed to a line is dropped, not turned into one
    g := ST_CollectionExtract(ST_SnapToGrid(ST_MakeValid(ST_Simplify(ST_SnapToGrid(g, 1), 0)), 1), 3);
    -- parts under one square unit are invisible at any display size; PostGIS (with Wagyu) drops them too
    IF NOT ST_IsEmpty(g) THEN
      g := (SELECT ST_Collect(d.geom) FROM ST_Dump(g) d WHERE ST_Area(d.geom) >= 1);
    END IF;
    -- MVT 2.1 exterior rings have positive area in tile coordinates (y down): counter-clockwise in the numbers
    g := ST_ForcePolygonCCW(g);
  END IF;
  IF g IS NULL OR ST_IsEmpty(g) THEN
    RETURN NULL;
  END IF;
  RETURN g;
END
$$;
