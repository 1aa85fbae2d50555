// The tile layers this service serves and their property contracts: one place that the SQL functions,
// the JS encoder, TileJSON and the tests all agree with.

export type TileLayerName = 'admin_units' | 'facilities' | 'cameras' | 'reports' | 'alerts' | 'basemap';

export interface VectorLayer {
  /** The MVT layer name inside the tile. */
  readonly id: string;
  readonly description: string;
  /** Property name → type, as TileJSON's vector_layers spells it ("Number", "String", "Boolean"). */
  readonly fields: Readonly<Record<string, 'Number' | 'String' | 'Boolean'>>;
  readonly minzoom?: number;
  readonly maxzoom?: number;
}

export interface TileLayer {
  readonly name: TileLayerName;
  readonly description: string;
  /** The zooms clients should request; past maxzoom they overzoom. Any z from 0 to 22 is served. */
  readonly minzoom: number;
  readonly maxzoom: number;
  /** Live layers change with every report or alert: short max-age, and a bounded life in the server cache. */
  readonly live: boolean;
  readonly attribution?: string;
  /** MVT layers in the tile, in drawing order. */
  readonly vectorLayers: readonly VectorLayer[];
  /** Query parameters that narrow the tile (passed to the SQL as `query json`), each with its allowed shape. */
  readonly filters: Readonly<Record<string, RegExp>>;
}

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';
const GEOBOUNDARIES = 'geoBoundaries (Runfola et al. 2020, CC BY 4.0)';
const NATURAL_EARTH = 'Natural Earth';

const basemapFields = { class: 'String', name: 'String', name_en: 'String' } as const;

export const TILE_LAYERS: Readonly<Record<TileLayerName, TileLayer>> = {
  admin_units: {
    name: 'admin_units',
    description: 'Administrative unit polygons (provinces; districts and below from zoom 8)',
    minzoom: 0,
    maxzoom: 14,
    live: false,
    attribution: GEOBOUNDARIES,
    vectorLayers: [
      {
        id: 'admin_units',
        description: 'Unit polygons, simplified per zoom; their label points are the basemap layer places',
        fields: {
          id: 'Number',
          code: 'String',
          name: 'String',
          name_en: 'String',
          level: 'Number',
          kind: 'String',
        },
      },
    ],
    filters: { level: /^[1-5]$/ },
  },
  facilities: {
    name: 'facilities',
    description: 'Schools, kindergartens, universities, hospitals, clinics and doctors',
    minzoom: 10,
    maxzoom: 16,
    live: true,
    attribution: OSM_ATTRIBUTION,
    vectorLayers: [
      {
        id: 'facilities',
        description: 'Public facilities',
        fields: { id: 'Number', kind: 'String', name: 'String', address: 'String', phone: 'String' },
      },
    ],
    filters: { kind: /^(school|kindergarten|university|hospital|clinic|doctors)$/ },
  },
  cameras: {
    name: 'cameras',
    description: 'Public traffic cameras and their stream status',
    minzoom: 10,
    maxzoom: 16,
    live: true,
    attribution: `${OSM_ATTRIBUTION}; TP.HCM traffic cameras (Sở GTVT TP.HCM)`,
    vectorLayers: [
      {
        id: 'cameras',
        description: 'Public cameras only',
        fields: { id: 'Number', code: 'String', name: 'String', status: 'String' },
      },
    ],
    filters: { status: /^(unknown|online|stale|offline)$/ },
  },
  reports: {
    name: 'reports',
    description: 'Field reports (no personal data; duplicates and rejected reports left out), newest first',
    minzoom: 10,
    maxzoom: 16,
    live: true,
    vectorLayers: [
      {
        id: 'reports',
        description: 'Report points',
        fields: { id: 'Number', category_code: 'String', status: 'String', created_at: 'String' },
      },
    ],
    filters: {
      category: /^[a-z0-9_-]{2,40}$/,
      status: /^(new|acknowledged|in_progress|resolved|closed)$/,
    },
  },
  alerts: {
    name: 'alerts',
    description: 'Areas of active public alerts (not superseded, cancelled or expired)',
    minzoom: 0,
    maxzoom: 14,
    live: true,
    vectorLayers: [
      {
        id: 'alerts',
        description: 'One feature per alert area; id is the alert id',
        fields: { id: 'Number', event: 'String', severity: 'String', urgency: 'String', headline: 'String' },
      },
    ],
    filters: { severity: /^(Extreme|Severe|Moderate|Minor|Unknown)$/ },
  },
  basemap: {
    name: 'basemap',
    description: 'Offline basemap: land, water, waterways, roads, boundaries, country borders, place labels',
    minzoom: 0,
    maxzoom: 14,
    live: false,
    attribution: `${OSM_ATTRIBUTION}; ${NATURAL_EARTH}; ${GEOBOUNDARIES}`,
    vectorLayers: [
      { id: 'land', description: 'Land areas (Natural Earth)', fields: basemapFields, maxzoom: 14 },
      { id: 'water', description: 'Lakes, ponds, river areas', fields: basemapFields },
      { id: 'waterways', description: 'Rivers, canals and streams as lines', fields: basemapFields },
      {
        id: 'roads',
        description: 'Roads by class (motorway … tertiary, *_link); bridge/oneway present only when true',
        fields: { ...basemapFields, bridge: 'Boolean', oneway: 'Boolean' },
        minzoom: 8,
      },
      {
        id: 'boundaries',
        description: 'Administrative boundary lines (class admin_level_N)',
        fields: basemapFields,
      },
      { id: 'countries', description: 'Country borders', fields: basemapFields },
      {
        id: 'places',
        description:
          'Administrative unit label points (class = unit kind); level 1 from zoom 0, finer from zoom 8',
        fields: { ...basemapFields, level: 'Number' },
      },
    ],
    filters: {},
  },
};

export const LAYER_NAMES = Object.keys(TILE_LAYERS) as TileLayerName[];

export function findLayer(name: string): TileLayer | undefined {
  return Object.hasOwn(TILE_LAYERS, name) ? TILE_LAYERS[name as TileLayerName] : undefined;
}

/** Every property the layer's tile can carry (the union over its MVT layers). */
export function layerFields(layer: TileLayer): string[] {
  return [...new Set(layer.vectorLayers.flatMap((v) => Object.keys(v.fields)))];
}

/**
 * The layer's filters from a request's query string, checked against their allowed shapes and sorted (the
 * cache key depends on it). Parameters the layer does not know are ignored, so cache-busters do no harm.
 */
export function parseLayerQuery(
  layer: TileLayer,
  raw: Readonly<Record<string, unknown>>,
): { ok: true; value: Record<string, string> } | { ok: false; error: string } {
  const value: Record<string, string> = {};
  for (const name of Object.keys(layer.filters).sort()) {
    const given = raw[name];
    if (given === undefined) continue;
    const pattern = layer.filters[name]!;
    if (typeof given !== 'string' || !pattern.test(given)) {
      return {
        ok: false,
        error: `query parameter "${name}" of layer ${layer.name} must match ${pattern.source}`,
      };
    }
    value[name] = given;
  }
  return { ok: true, value };
}
