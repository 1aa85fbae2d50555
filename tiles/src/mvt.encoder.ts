// Encodes features already in tile coordinates (GeoJSON from tile_mvt_geom) as a Mapbox Vector Tile 2.1,
// for the embedded engine whose PostGIS has no ST_AsMVT. Layers with no features are left out, as ST_AsMVT does.
import { fromVectorTileJs } from '@maplibre/vt-pbf';

export type TileGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };
type Position = number[];

export type PropertyValue = string | number | boolean | null;

export interface TileFeature {
  /** The MVT feature id (an unsigned integer). */
  readonly id: number;
  readonly properties: Readonly<Record<string, PropertyValue>>;
  /** Integer tile coordinates, y down, exterior rings with positive area (as tile_mvt_geom returns them). */
  readonly geometry: TileGeometry;
}

export interface TileLayerData {
  readonly name: string;
  readonly features: readonly TileFeature[];
}

// vt-pbf's own declarations do not resolve under NodeNext (extensionless relative imports), so its input
// shapes are spelled out here; it reads only x and y of each point.
interface Point {
  x: number;
  y: number;
}
type Ring = Point[];
type Rings = Ring[];
interface VectorTileFeatureLike {
  type: 1 | 2 | 3;
  id: number;
  extent: number;
  properties: Record<string, string | number | boolean>;
  loadGeometry(): Rings;
}
interface VectorTileLayerLike {
  version: number;
  name: string;
  extent: number;
  length: number;
  feature(i: number): VectorTileFeatureLike;
}

const MVT_VERSION = 2;

export function encodeMvt(layers: readonly TileLayerData[], extent = 4096): Uint8Array {
  const out: Record<string, VectorTileLayerLike> = {};
  for (const layer of layers) {
    if (layer.features.length === 0) continue;
    const features = layer.features.map((f) => toFeatureLike(f, extent));
    out[layer.name] = {
      version: MVT_VERSION,
      name: layer.name,
      extent,
      length: features.length,
      feature: (i: number) => features[i]!,
    };
  }
  return fromVectorTileJs({ layers: out } as Parameters<typeof fromVectorTileJs>[0]);
}

function toFeatureLike(feature: TileFeature, extent: number): VectorTileFeatureLike {
  const { type, rings } = toRings(feature.geometry);
  const properties: Record<string, string | number | boolean> = {};
  // MVT has no null: an absent key is how a tile says "no value" (ST_AsMVT skips NULLs the same way).
  for (const [k, v] of Object.entries(feature.properties)) if (v !== null) properties[k] = v;
  return { type, id: feature.id, extent, properties, loadGeometry: () => rings };
}

function toRings(g: TileGeometry): { type: 1 | 2 | 3; rings: Rings } {
  switch (g.type) {
    // MVT writes every point of a (multi)point in one MoveTo
    case 'Point':
      return { type: 1, rings: [line([g.coordinates])] };
    case 'MultiPoint':
      return { type: 1, rings: [line(g.coordinates)] };
    case 'LineString':
      return { type: 2, rings: [line(g.coordinates)] };
    case 'MultiLineString':
      return { type: 2, rings: g.coordinates.map(line) };
    case 'Polygon':
      return { type: 3, rings: g.coordinates.map(line) };
    case 'MultiPolygon':
      return { type: 3, rings: g.coordinates.flat().map(line) };
  }
}

function line(coords: Position[]): Ring {
  return coords.map(([x = 0, y = 0]) => ({ x, y }));
}
