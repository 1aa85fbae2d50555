-- Offline basemap features (OSM roads, water, boundaries for Hà Nội; Natural Earth for low zooms).
CREATE TABLE basemap_features (
  id       integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  layer    text NOT NULL CHECK (layer IN ('land', 'ocean', 'lakes', 'rivers', 'countries', 'roads', 'water', 'waterways', 'boundaries')),
  class    text NOT NULL,
  name     text,
  name_en  text,
  -- The lowest zoom at which the feature is drawn, so low-zoom tiles stay small.
  min_zoom smallint NOT NULL DEFAULT 0 CHECK (min_zoom BETWEEN 0 AND 22),
  props    jsonb NOT NULL DEFAULT '{}',
  source   text NOT NULL,
  geom     geometry(Geometry, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom))
);
CREATE INDEX basemap_features_geom_idx ON basemap_features USING gist (geom);
CREATE INDEX basemap_features_layer_idx ON basemap_features (layer, min_zoom);
