-- Administrative units of any depth (province → district → ward); levels are data because the
-- 2025 reform removed districts and other places nest differently.
CREATE TABLE admin_units (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id   integer REFERENCES admin_units (id) ON DELETE RESTRICT,
  level       smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  kind        text NOT NULL CHECK (kind IN ('country', 'province', 'city', 'district', 'urban_district', 'town', 'ward', 'commune', 'township')),
  code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9-]{1,20}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  name_en     text,
  geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  label_point geometry(Point, 4326) NOT NULL,
  area_km2    double precision NOT NULL CHECK (area_km2 > 0),
  source      text NOT NULL,
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX admin_units_geom_idx ON admin_units USING gist (geom);
CREATE INDEX admin_units_parent_idx ON admin_units (parent_id);
CREATE INDEX admin_units_level_idx ON admin_units (level);
