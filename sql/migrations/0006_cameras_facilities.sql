-- Traffic cameras (streamed through the camera proxy) and public facilities (schools, clinics, hospitals).
CREATE TYPE camera_status AS ENUM ('unknown', 'online', 'stale', 'offline');
CREATE TYPE facility_kind AS ENUM ('school', 'kindergarten', 'university', 'hospital', 'clinic', 'doctors');

CREATE TABLE cameras (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code          text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9._-]{1,64}$'),
  name          text NOT NULL,
  streets       text[] NOT NULL DEFAULT '{}',
  geom          geometry(Point, 4326) NOT NULL
                CHECK (ST_IsValid(geom) AND ST_X(geom) BETWEEN -180 AND 180 AND ST_Y(geom) BETWEEN -90 AND 90),
  admin_unit_id integer REFERENCES admin_units (id),
  -- The registered HLS origin; the proxy only ever fetches this, never a URL from a request.
  upstream_url  text CHECK (upstream_url IS NULL OR upstream_url ~ '^https?://'),
  is_public     boolean NOT NULL DEFAULT true,
  ptz           boolean NOT NULL DEFAULT false,
  status        camera_status NOT NULL DEFAULT 'unknown',
  last_seen_at  timestamptz,
  last_error    text,
  source        text NOT NULL,
  external_id   text,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, external_id)
);
CREATE INDEX cameras_geom_idx ON cameras USING gist (geom);
CREATE INDEX cameras_status_idx ON cameras (status);
CREATE INDEX cameras_admin_unit_idx ON cameras (admin_unit_id);

CREATE TABLE facilities (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          facility_kind NOT NULL,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  name_en       text,
  address       text,
  phone         text,
  website       text,
  emergency     boolean NOT NULL DEFAULT false,
  geom          geometry(Point, 4326) NOT NULL
                CHECK (ST_IsValid(geom) AND ST_X(geom) BETWEEN -180 AND 180 AND ST_Y(geom) BETWEEN -90 AND 90),
  admin_unit_id integer REFERENCES admin_units (id),
  source        text NOT NULL,
  external_id   text NOT NULL,
  -- Diacritic-free text for Vietnamese search ("benh vien" finds "Bệnh viện").
  search_text   text GENERATED ALWAYS AS (ioc_fold(name || ' ' || coalesce(name_en, '') || ' ' || coalesce(address, ''))) STORED,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, external_id)
);
CREATE INDEX facilities_geom_idx ON facilities USING gist (geom);
CREATE INDEX facilities_kind_idx ON facilities (kind);
CREATE INDEX facilities_admin_unit_idx ON facilities (admin_unit_id);
CREATE INDEX facilities_search_idx ON facilities USING gin (search_text gin_trgm_ops);
