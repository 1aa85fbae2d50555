-- What the reports API needs beyond 0010: a fingerprint of the first submission per idempotency key
-- (so a retry with the same key but another payload is refused rather than silently answered with a
-- different report), and a diacritic-free text index for the operators' search box.

-- sha256 (hex) of the normalised submission; only meaningful beside an idempotency key.
ALTER TABLE reports
  ADD COLUMN idempotency_fingerprint text
    CHECK (idempotency_fingerprint IS NULL OR (idempotency_key IS NOT NULL AND idempotency_fingerprint ~ '^[0-9a-f]{64}$'));

-- reports(filter: {text}) matches ioc_fold(description || ' ' || address) with LIKE '%…%'; the
-- expression must stay identical to the one in gis-api/src/reports/report.repository.ts to use this.
CREATE INDEX reports_search_idx ON reports
  USING gin (ioc_fold(description || ' ' || coalesce(address, '')) gin_trgm_ops);
