-- The append-only log of every change: the source of live subscriptions, replay after reconnect,
-- and tile cache invalidation.
CREATE TABLE events (
  seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic         text NOT NULL CHECK (topic IN ('report', 'camera', 'facility', 'alert', 'unit', 'system')),
  type          text NOT NULL CHECK (type ~ '^[a-z_.]{2,60}$'),
  entity_id     text,
  payload       jsonb NOT NULL DEFAULT '{}',
  -- Where it happened (point or area), so tiles covering it can be dropped and subscribers filtered by area.
  geom          geometry(Geometry, 4326) CHECK (geom IS NULL OR ST_IsValid(geom)),
  admin_unit_id integer,
  actor_user_id integer,
  -- Sequence numbers are taken before commit, so seq order is not commit order: a reader that saw
  -- seq 11 may later see seq 10 commit. Readers take only rows whose transaction is older than every
  -- running one (tx_id < pg_snapshot_xmin(pg_current_snapshot())) — those are final — and walk them in
  -- (tx_id, seq) order with a (tx_id, seq) cursor; "seq > cursor" alone would skip rows. The newest
  -- event is the greatest (tx_id, seq), not max(seq).
  tx_id         xid8 NOT NULL DEFAULT pg_current_xact_id(),
  occurred_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_tx_seq_idx ON events (tx_id, seq);
CREATE INDEX events_topic_idx ON events (topic, seq);
CREATE INDEX events_entity_idx ON events (topic, entity_id, seq);
CREATE INDEX events_geom_idx ON events USING gist (geom);

CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_refuse_change();
CREATE TRIGGER events_append_only_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change();

-- One wake-up per statement; listeners then read new rows by sequence, so nothing rides in the payload.
CREATE FUNCTION events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ioc_events', '');
  RETURN NULL;
END $$;
CREATE TRIGGER events_notify AFTER INSERT ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_notify();
