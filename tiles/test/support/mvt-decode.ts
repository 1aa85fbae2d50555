// Decodes an MVT into plain data for assertions: per layer, each feature's id, properties, type and rings.
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';

export interface DecodedFeature {
  id: number | undefined;
  type: number;
  properties: Record<string, string | number | boolean>;
  rings: Array<Array<[number, number]>>;
}

export interface DecodedLayer {
  version: number;
  extent: number;
  features: DecodedFeature[];
}

export function decodeTile(bytes: Uint8Array): Record<string, DecodedLayer> {
  const tile = new VectorTile(new Pbf(bytes));
  const out: Record<string, DecodedLayer> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: DecodedFeature[] = [];
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      features.push({
        id: f.id,
        type: f.type,
        properties: { ...f.properties },
        rings: f.loadGeometry().map((ring) => ring.map((p): [number, number] => [p.x, p.y])),
      });
    }
    out[name] = { version: layer.version, extent: layer.extent, features };
  }
  return out;
}

/** Signed area of a ring by the surveyor's formula in tile coordinates: positive for an MVT exterior ring. */
export function signedArea(ring: Array<[number, number]>): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0] - ring[i]![0]) * (ring[i]![1] + ring[j]![1]);
  }
  return sum / 2;
}

export function bboxOf(f: DecodedFeature): [number, number, number, number] {
  const pts = f.rings.flat();
  return [
    Math.min(...pts.map((p) => p[0])),
    Math.min(...pts.map((p) => p[1])),
    Math.max(...pts.map((p) => p[0])),
    Math.max(...pts.map((p) => p[1])),
  ];
}
