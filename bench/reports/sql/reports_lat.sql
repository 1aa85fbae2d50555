-- A computed column, so PostGraphile's Report has the point's latitude (`lat`): without a PostGIS plugin for
-- PostGraphile 5 it cannot read the geometry column at all. Scalar and STABLE, so it is inlined in its SELECT.
CREATE OR REPLACE FUNCTION reports_lat(r reports)
RETURNS float8
LANGUAGE sql STABLE
AS $$
  SELECT ST_Y(r.geom)
$$;
