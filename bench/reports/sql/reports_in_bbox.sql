-- The query PostGraphile is compared on: reports whose point is in the box, newest first, the order of
-- gis-api's `reports` page. One SELECT, LANGUAGE sql, STABLE: PostgreSQL inlines it, so PostGraphile's
-- LIMIT reaches the same plan gis-api gets.
CREATE OR REPLACE FUNCTION reports_in_bbox(min_lng float8, min_lat float8, max_lng float8, max_lat float8)
RETURNS SETOF reports
LANGUAGE sql STABLE
AS $$
  SELECT *
  FROM reports r
  WHERE r.geom && ST_MakeEnvelope(min_lng, min_lat, max_lng, max_lat, 4326)
  ORDER BY r.created_at DESC, r.id DESC
$$;
