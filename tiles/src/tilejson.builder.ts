// TileJSON 3.0.0 for one layer: where its tiles are, what is in them (vector_layers with fields), where and at
// which zooms it has data, and whose data it is.
import type { TileLayer } from './layers.ts';
import type { Bbox } from './tile-address.ts';

export interface TileJson {
  tilejson: '3.0.0';
  name: string;
  description: string;
  version: string;
  scheme: 'xyz';
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  center: [number, number, number];
  attribution?: string;
  vector_layers: Array<{
    id: string;
    description: string;
    fields: Record<string, string>;
    minzoom: number;
    maxzoom: number;
  }>;
}

/** `baseUrl` is the absolute URL of the tiles root, e.g. `https://ioc.example.vn/tiles`. */
export function buildTileJson(layer: TileLayer, baseUrl: string, bounds: Bbox): TileJson {
  // Outward to 5 decimals (about a metre), so the hint never cuts a feature off.
  const b: [number, number, number, number] = [
    outward(bounds[0], Math.floor),
    outward(bounds[1], Math.floor),
    outward(bounds[2], Math.ceil),
    outward(bounds[3], Math.ceil),
  ];
  const centerZoom = Math.min(layer.maxzoom, Math.max(layer.minzoom, 10));
  return {
    tilejson: '3.0.0',
    name: layer.name,
    description: layer.description,
    version: '1.0.0',
    scheme: 'xyz',
    tiles: [`${baseUrl}/${layer.name}/{z}/{x}/{y}.mvt`],
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    bounds: b,
    center: [round((b[0] + b[2]) / 2), round((b[1] + b[3]) / 2), centerZoom],
    ...(layer.attribution ? { attribution: layer.attribution } : {}),
    vector_layers: layer.vectorLayers.map((v) => ({
      id: v.id,
      description: v.description,
      fields: { ...v.fields },
      minzoom: v.minzoom ?? layer.minzoom,
      maxzoom: v.maxzoom ?? layer.maxzoom,
    })),
  };
}

// 105.28 * 1e5 is 10527999.999…: a value already on the grid stays where it is.
function outward(n: number, direction: (n: number) => number): number {
  const scaled = n * 1e5;
  const nearest = Math.round(scaled);
  return (Math.abs(scaled - nearest) < 1e-6 ? nearest : direction(scaled)) / 1e5;
}

function round(n: number): number {
  return Math.round(n * 1e5) / 1e5;
}
