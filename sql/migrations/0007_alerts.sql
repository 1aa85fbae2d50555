-- Authority alerts shaped like CAP 1.2: one alert (one <info>, vi with optional en) and its areas.
CREATE TYPE alert_status AS ENUM ('Actual', 'Exercise', 'System', 'Test', 'Draft');
CREATE TYPE alert_msg_type AS ENUM ('Alert', 'Update', 'Cancel', 'Ack', 'Error');
CREATE TYPE alert_scope AS ENUM ('Public', 'Restricted', 'Private');
CREATE TYPE alert_urgency AS ENUM ('Immediate', 'Expected', 'Future', 'Past', 'Unknown');
CREATE TYPE alert_severity AS ENUM ('Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown');
CREATE TYPE alert_certainty AS ENUM ('Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown');

CREATE TABLE alerts (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  identifier     text NOT NULL UNIQUE CHECK (identifier !~ '[\s,<&]'),
  sender         text NOT NULL CHECK (sender !~ '[\s,<&]'),
  sent_at        timestamptz NOT NULL,
  status         alert_status NOT NULL,
  msg_type       alert_msg_type NOT NULL,
  scope          alert_scope NOT NULL DEFAULT 'Public',
  -- CAP <references>: earlier alerts this one updates or cancels.
  references_ids integer[] NOT NULL DEFAULT '{}',
  categories     text[] NOT NULL CHECK (cardinality(categories) > 0),
  event          text NOT NULL,
  urgency        alert_urgency NOT NULL,
  severity       alert_severity NOT NULL,
  certainty      alert_certainty NOT NULL,
  headline       text,
  headline_en    text,
  description    text,
  description_en text,
  instruction    text,
  instruction_en text,
  web            text,
  contact        text,
  onset_at       timestamptz,
  expires_at     timestamptz,
  -- Set when a later Update or Cancel replaces this alert; it then stops being active.
  superseded_by  integer REFERENCES alerts (id),
  cancelled_at   timestamptz,
  created_by     integer REFERENCES users (id),
  source         text NOT NULL DEFAULT 'operator' CHECK (source IN ('operator', 'cap_ingest', 'seed')),
  raw_xml        text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_at IS NULL OR onset_at IS NULL OR expires_at > onset_at),
  CHECK (categories <@ ARRAY['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'])
);
CREATE INDEX alerts_active_idx ON alerts (expires_at) WHERE superseded_by IS NULL AND cancelled_at IS NULL;
CREATE INDEX alerts_sent_idx ON alerts (sent_at DESC);

CREATE TABLE alert_areas (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id        integer NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  area_desc       text NOT NULL,
  -- Exactly one of: a polygon as drawn/received, or a circle (centre + radius).
  polygon         geometry(Polygon, 4326) CHECK (polygon IS NULL OR ST_IsValid(polygon)),
  circle_center   geometry(Point, 4326),
  circle_radius_m double precision CHECK (circle_radius_m IS NULL OR circle_radius_m > 0 AND circle_radius_m <= 2000000),
  -- The effective area as a polygon (the circle buffered on the geography), for point-in-area and tiles.
  geom            geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  CHECK ((polygon IS NOT NULL) <> (circle_center IS NOT NULL)),
  CHECK ((circle_center IS NULL) = (circle_radius_m IS NULL))
);
CREATE INDEX alert_areas_alert_idx ON alert_areas (alert_id);
CREATE INDEX alert_areas_geom_idx ON alert_areas USING gist (geom);
