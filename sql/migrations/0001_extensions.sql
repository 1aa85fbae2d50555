-- Extensions and the immutable helpers that generated columns and indexes need.
-- PostGIS is checked by the migrator first so a missing install gets a one-line explanation.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is STABLE (it reads a dictionary), so it cannot back a generated column or an
-- index; naming the dictionary explicitly makes the result fixed, which is what IMMUTABLE promises.
-- Vietnamese đ/Đ are letters of their own, not accented d, so unaccent leaves them: map them too.
CREATE OR REPLACE FUNCTION ioc_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT translate(lower(public.unaccent('public.unaccent'::regdictionary, normalize(t, NFC))), 'đ', 'd') $$;
