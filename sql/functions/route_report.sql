-- Routing of a report: the finest admin unit containing the point, then the unit answering for the
-- category's agency type there. Jurisdiction follows the admin hierarchy (a unit covers its admin unit
-- and everything inside it; the closest wins); units with no admin unit cover just their own area.
-- Falls back to the nearest People's Committee. Only the point-in-admin-unit step touches geometry:
-- testing every agency's city-sized polygon per report was 40x slower.
CREATE OR REPLACE FUNCTION route_report(p geometry, p_category_id integer)
RETURNS TABLE (admin_unit_id integer, unit_id integer)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH RECURSIVE here AS (
    SELECT a.id FROM admin_units a
    WHERE ST_Intersects(a.geom, p)
    ORDER BY a.level DESC, a.area_km2 LIMIT 1
  ), chain AS (
    SELECT a.id, a.parent_id, 0 AS depth FROM admin_units a JOIN here ON a.id = here.id
    UNION ALL
    SELECT a.id, a.parent_id, chain.depth + 1 FROM admin_units a JOIN chain ON a.id = chain.parent_id
  ), agency AS (
    SELECT agency_type FROM categories WHERE id = p_category_id
  )
  SELECT
    (SELECT id FROM here),
    coalesce(
      (SELECT u.id FROM units u JOIN chain ON u.admin_unit_id = chain.id JOIN agency ON agency.agency_type = u.agency_type
        WHERE u.active ORDER BY chain.depth, u.id LIMIT 1),
      (SELECT u.id FROM units u JOIN agency ON agency.agency_type = u.agency_type
        WHERE u.active AND u.admin_unit_id IS NULL AND ST_Intersects(u.area, p) ORDER BY u.area_km2 LIMIT 1),
      (SELECT u.id FROM units u JOIN chain ON u.admin_unit_id = chain.id
        WHERE u.active AND u.agency_type = 'people_committee' ORDER BY chain.depth, u.id LIMIT 1)
    )
$$;
