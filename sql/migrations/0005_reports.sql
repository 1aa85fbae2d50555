-- Field reports (phản ánh hiện trường), their history, the reporter's private contact, and media.
CREATE TYPE report_status AS ENUM ('new', 'acknowledged', 'in_progress', 'resolved', 'closed', 'rejected', 'duplicate');
CREATE TYPE report_source AS ENUM ('web', 'mobile', 'open311', 'hotline', 'operator', 'import');
CREATE TYPE report_rating AS ENUM ('satisfied', 'acceptable', 'unsatisfied');
CREATE TYPE media_kind AS ENUM ('photo', 'video');

CREATE TABLE reports (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  category_id     integer NOT NULL REFERENCES categories (id),
  description     text NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
  address         text,
  geom            geometry(Point, 4326) NOT NULL
                  CHECK (ST_IsValid(geom) AND ST_X(geom) BETWEEN -180 AND 180 AND ST_Y(geom) BETWEEN -90 AND 90),
  admin_unit_id   integer REFERENCES admin_units (id),
  unit_id         integer REFERENCES units (id),
  status          report_status NOT NULL DEFAULT 'new',
  source          report_source NOT NULL DEFAULT 'web',
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  ack_due_at      timestamptz NOT NULL,
  resolve_due_at  timestamptz NOT NULL,
  acknowledged_at timestamptz,
  started_at      timestamptz,
  resolved_at     timestamptz,
  closed_at       timestamptz,
  -- Set once the SLA clock has emitted the overdue event, so it is emitted exactly once.
  ack_overdue_at     timestamptz,
  resolve_overdue_at timestamptz,
  rating          report_rating,
  rating_comment  text,
  rated_at        timestamptz,
  reopen_count    integer NOT NULL DEFAULT 0 CHECK (reopen_count >= 0),
  duplicate_of    bigint REFERENCES reports (id),
  reject_reason   text,
  idempotency_key text UNIQUE CHECK (length(idempotency_key) BETWEEN 8 AND 128),
  -- H3 cells (h3-js at insert; no H3 extension in Debian or PGlite), as signed bigint.
  h3_r6  bigint NOT NULL,
  h3_r7  bigint NOT NULL,
  h3_r8  bigint NOT NULL,
  h3_r9  bigint NOT NULL,
  h3_r10 bigint NOT NULL,
  CHECK (resolve_due_at >= ack_due_at AND ack_due_at > created_at),
  CHECK (duplicate_of IS NULL OR duplicate_of <> id),
  CHECK ((status = 'duplicate') = (duplicate_of IS NOT NULL)),
  CHECK ((rating IS NULL) = (rated_at IS NULL))
);
CREATE INDEX reports_geom_idx ON reports USING gist (geom);
CREATE INDEX reports_h3_r6_idx ON reports (h3_r6);
CREATE INDEX reports_h3_r7_idx ON reports (h3_r7);
CREATE INDEX reports_h3_r8_idx ON reports (h3_r8);
CREATE INDEX reports_h3_r9_idx ON reports (h3_r9);
CREATE INDEX reports_h3_r10_idx ON reports (h3_r10);
CREATE INDEX reports_created_at_idx ON reports (created_at DESC, id DESC);
CREATE INDEX reports_status_idx ON reports (status, created_at DESC);
CREATE INDEX reports_category_idx ON reports (category_id, created_at DESC);
CREATE INDEX reports_unit_status_idx ON reports (unit_id, status);
CREATE INDEX reports_admin_unit_idx ON reports (admin_unit_id, created_at DESC);
CREATE INDEX reports_duplicate_of_idx ON reports (duplicate_of) WHERE duplicate_of IS NOT NULL;
-- The SLA clock scans only reports that can still become overdue.
CREATE INDEX reports_open_ack_due_idx ON reports (ack_due_at) WHERE status = 'new';
CREATE INDEX reports_open_resolve_due_idx ON reports (resolve_due_at) WHERE status IN ('new', 'acknowledged', 'in_progress');

-- Personal data lives apart from the report so that public queries cannot join it by accident.
CREATE TABLE report_reporters (
  report_id bigint PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
  user_id   integer REFERENCES users (id),
  name      text,
  phone     text CHECK (phone IS NULL OR phone ~ '^\+?[0-9 .-]{6,20}$'),
  email     text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$'),
  client_ip inet
);
CREATE INDEX report_reporters_user_idx ON report_reporters (user_id);

CREATE TYPE report_action AS ENUM (
  'submitted', 'acknowledged', 'assigned', 'reassigned', 'started', 'resolved', 'rated', 'reopened',
  'rejected', 'merged', 'commented', 'closed', 'ack_overdue', 'resolve_overdue'
);

CREATE TABLE report_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id     bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  action        report_action NOT NULL,
  actor_user_id integer REFERENCES users (id),
  actor_role    text,
  from_status   report_status,
  to_status     report_status,
  unit_id       integer REFERENCES units (id),
  note          text CHECK (note IS NULL OR length(note) <= 5000),
  data          jsonb NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_events_report_idx ON report_events (report_id, created_at, id);
CREATE INDEX report_events_action_idx ON report_events (action, created_at);

CREATE TABLE media (
  id              uuid PRIMARY KEY,
  kind            media_kind NOT NULL,
  mime            text NOT NULL CHECK (mime ~ '^(image|video)/[a-z0-9.+-]+$'),
  bytes           integer NOT NULL CHECK (bytes > 0),
  width           integer CHECK (width > 0),
  height          integer CHECK (height > 0),
  sha256          text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  -- Path relative to MEDIA_DIR, outside the web root; never taken from the request.
  storage_key     text NOT NULL UNIQUE,
  uploaded_by     integer REFERENCES users (id),
  report_id       bigint REFERENCES reports (id) ON DELETE SET NULL,
  report_event_id bigint REFERENCES report_events (id) ON DELETE SET NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX media_report_idx ON media (report_id);
CREATE INDEX media_event_idx ON media (report_event_id);
