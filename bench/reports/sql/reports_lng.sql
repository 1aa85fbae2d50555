-- A computed column, so PostGraphile's Report has the point's longitude (`lng`); see reports_lat.sql.
CREATE OR REPLACE FUNCTION reports_lng(r reports)
RETURNS float8
LANGUAGE sql STABLE
AS $$
  SELECT ST_X(r.geom)
$$;
