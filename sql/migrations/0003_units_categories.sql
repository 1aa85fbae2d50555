-- Who handles things (people's committees and city agencies, each with the area it covers) and
-- what reports are about (with the agency type responsible and the SLA clock).
CREATE TABLE agency_types (
  code    text PRIMARY KEY CHECK (code ~ '^[a-z_]{2,40}$'),
  name    text NOT NULL,
  name_en text NOT NULL
);

CREATE TABLE units (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{1,40}$'),
  name           text NOT NULL,
  name_en        text,
  agency_type    text NOT NULL REFERENCES agency_types (code),
  admin_unit_id  integer REFERENCES admin_units (id),
  parent_unit_id integer REFERENCES units (id),
  phone          text,
  email          text,
  -- The area the unit answers for; routing picks the smallest area that contains the point.
  area           geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(area) AND NOT ST_IsEmpty(area)),
  area_km2       double precision NOT NULL CHECK (area_km2 > 0),
  active         boolean NOT NULL DEFAULT true
);
CREATE INDEX units_area_idx ON units USING gist (area);
CREATE INDEX units_agency_type_idx ON units (agency_type);
CREATE INDEX units_admin_unit_idx ON units (admin_unit_id);

CREATE TABLE categories (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code            text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_-]{2,40}$'),
  name            text NOT NULL,
  name_en         text NOT NULL,
  description     text,
  agency_type     text NOT NULL REFERENCES agency_types (code),
  ack_minutes     integer NOT NULL CHECK (ack_minutes > 0),
  resolve_minutes integer NOT NULL,
  priority        smallint NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
  is_emergency    boolean NOT NULL DEFAULT false,
  keywords        text[] NOT NULL DEFAULT '{}',
  color           text NOT NULL DEFAULT '#888888' CHECK (color ~ '^#[0-9a-fA-F]{6}$'),
  sort_order      smallint NOT NULL DEFAULT 100,
  active          boolean NOT NULL DEFAULT true,
  CHECK (resolve_minutes > ack_minutes)
);
CREATE INDEX categories_agency_type_idx ON categories (agency_type);
