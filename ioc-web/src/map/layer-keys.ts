// The toggleable map layers, the tile endpoint behind each, and which ones are shown before the user chooses.

export const LAYER_KEYS = ['admin', 'schools', 'health', 'cameras', 'reports'] as const;
export type LayerKey = (typeof LAYER_KEYS)[number];

/** Vector tile sources on the tile server, `/tiles/{source}/{z}/{x}/{y}.mvt`. */
export const TILE_SOURCES = ['admin_units', 'facilities', 'cameras', 'reports'] as const;
export type TileSource = (typeof TILE_SOURCES)[number];

/** Sources that may not exist yet on a given server: their layers start off until a probe finds them. */
export const OPTIONAL_SOURCES = ['cameras', 'reports'] as const satisfies readonly TileSource[];
export type OptionalSource = (typeof OPTIONAL_SOURCES)[number];

export const SOURCE_OF_LAYER: Readonly<Record<LayerKey, TileSource>> = Object.freeze({
  admin: 'admin_units',
  schools: 'facilities',
  health: 'facilities',
  cameras: 'cameras',
  reports: 'reports',
});

export const DEFAULT_VISIBILITY: Readonly<Record<LayerKey, boolean>> = Object.freeze({
  admin: true,
  schools: true,
  health: true,
  cameras: true,
  reports: true,
});

export function isOptionalSource(source: TileSource): source is OptionalSource {
  return (OPTIONAL_SOURCES as readonly TileSource[]).includes(source);
}
