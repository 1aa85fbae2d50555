-- What the report workflow needs beyond the base schema: who may see each event, publication of
-- photos, duplicate candidates flagged at submission, and the classifier's category suggestion.

-- Events are filtered per subscriber. These columns decide it and are never sent to clients:
-- 'public' events go to everyone; 'staff' ones to officers of unit_id, operators, leaders, admins;
-- a citizen also gets the events of reports they submitted (owner_user_id).
ALTER TABLE events
  ADD COLUMN visibility    text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'staff')),
  ADD COLUMN unit_id       integer,
  ADD COLUMN owner_user_id integer;

-- Photos may show faces or homes: staff-only until an operator publishes them.
ALTER TABLE media
  ADD COLUMN published    boolean NOT NULL DEFAULT false,
  ADD COLUMN published_by integer REFERENCES users (id),
  ADD COLUMN published_at timestamptz,
  ADD CONSTRAINT media_published_consistent CHECK (published = (published_at IS NOT NULL));

-- Same category, still open, within ~50 m, in the last 7 days: found in the submitting transaction,
-- shown to the operator beside the report until merged or dismissed.
CREATE TABLE report_duplicate_candidates (
  report_id    bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  candidate_id bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  distance_m   double precision NOT NULL CHECK (distance_m >= 0),
  dismissed_at timestamptz,
  PRIMARY KEY (report_id, candidate_id),
  CHECK (report_id <> candidate_id)
);
CREATE INDEX report_duplicate_candidates_candidate_idx ON report_duplicate_candidates (candidate_id);

-- When the citizen gave no category, the classifier's guess and its confidence (0..1).
ALTER TABLE reports
  ADD COLUMN category_suggested  boolean NOT NULL DEFAULT false,
  ADD COLUMN category_confidence real CHECK (category_confidence IS NULL OR category_confidence BETWEEN 0 AND 1);
