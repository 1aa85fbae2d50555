// Bounding boxes from clients, checked with a message that says exactly what is wrong.
import { badInput } from '../errors.ts';

/** [minLng, minLat, maxLng, maxLat], WGS 84, the GeoJSON order. */
export type BBox = readonly [number, number, number, number];

export function parseBBox(value: readonly number[]): BBox {
  if (value.length !== 4) {
    throw badInput(`bbox must have 4 numbers [minLng, minLat, maxLng, maxLat] (got ${value.length})`);
  }
  const names = ['minLng', 'minLat', 'maxLng', 'maxLat'] as const;
  value.forEach((v, i) => {
    if (!Number.isFinite(v)) throw badInput(`bbox ${names[i]} must be a finite number (got ${v})`);
  });
  const [minLng, minLat, maxLng, maxLat] = value as unknown as BBox;
  for (const [name, v] of [
    ['minLng', minLng],
    ['maxLng', maxLng],
  ] as const) {
    if (v < -180 || v > 180) throw badInput(`bbox ${name} must be between -180 and 180 (got ${v})`);
  }
  for (const [name, v] of [
    ['minLat', minLat],
    ['maxLat', maxLat],
  ] as const) {
    if (v < -90 || v > 90) throw badInput(`bbox ${name} must be between -90 and 90 (got ${v})`);
  }
  if (minLng > maxLng) throw badInput(`bbox minLng (${minLng}) must not be greater than maxLng (${maxLng})`);
  if (minLat > maxLat) throw badInput(`bbox minLat (${minLat}) must not be greater than maxLat (${maxLat})`);
  return [minLng, minLat, maxLng, maxLat];
}
