-- Indexes for analytics (gis-api/src/analytics): hexbins, hotspots, scorecards and choropleths read
-- these alone (index-only scans), never the wide report rows with their descriptions.

-- Every analytics query selects reports by submission time and groups by a few small columns: this
-- covering index carries all of them, so a 30-day hexbin over 1,000,000 reports reads ~40 MB of index
-- instead of the whole table (the rows of any period are spread over every page of the heap).
CREATE INDEX reports_analytics_idx ON reports (created_at)
  INCLUDE (h3_r6, h3_r7, h3_r8, h3_r9, h3_r10, status, category_id, unit_id, admin_unit_id,
           ack_due_at, resolve_due_at, acknowledged_at, resolved_at, rating, reopen_count);

-- Open reports only (a few percent of all): median age per cell and the overdue backlog per unit.
CREATE INDEX reports_analytics_open_idx ON reports (created_at)
  INCLUDE (h3_r6, h3_r7, h3_r8, h3_r9, h3_r10, status, category_id, unit_id, admin_unit_id,
           ack_due_at, resolve_due_at)
  WHERE status IN ('new', 'acknowledged', 'in_progress');

-- Exact percentiles of the time to resolve per unit without sorting every resolved report: the
-- scorecard query finds the histogram bucket holding the wanted rank, then reads just that bucket
-- in order from here. The expression must stay identical to RESOLVE_SECONDS in
-- gis-api/src/analytics/scorecard.repository.ts.
CREATE INDEX reports_analytics_resolve_idx ON reports (unit_id, (date_part('epoch', resolved_at - created_at)))
  INCLUDE (created_at, resolved_at, admin_unit_id)
  WHERE resolved_at IS NOT NULL;

-- The scorecard query groups by unit and a resolve-time histogram bucket (an expression): without
-- statistics the planner guesses ~1 group per row and gives up parallel partial aggregation. The
-- expression must stay identical to the bucket in gis-api/src/analytics/scorecard.repository.ts.
CREATE STATISTICS reports_analytics_bucket_stats (ndistinct) ON unit_id,
  (CASE WHEN resolved_at IS NOT NULL
    THEN floor(ln(greatest(date_part('epoch', resolved_at - created_at), 1)) * 20)::int END)
  FROM reports;
