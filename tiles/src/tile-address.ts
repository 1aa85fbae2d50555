// Tile addresses (z/x/y in the XYZ scheme of EPSG:3857): parsing with reasons, and their extent in degrees.

export const MAX_ZOOM = 22;

export interface TileAddress {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

/** West, south, east, north in degrees. */
export type Bbox = readonly [number, number, number, number];

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseTileAddress(z: string, x: string, y: string): Parsed<TileAddress> {
  const zoom = parseIndex(z);
  if (zoom === undefined || zoom > MAX_ZOOM) {
    return { ok: false, error: `z must be an integer from 0 to ${MAX_ZOOM} (got "${clip(z)}")` };
  }
  const max = 2 ** zoom - 1;
  for (const [name, raw] of [
    ['x', x],
    ['y', y],
  ] as const) {
    const n = parseIndex(raw);
    if (n === undefined || n > max) {
      return {
        ok: false,
        error: `${name} must be an integer from 0 to ${max} at zoom ${zoom} (got "${clip(raw)}")`,
      };
    }
  }
  return { ok: true, value: { z: zoom, x: Number(x), y: Number(y) } };
}

// Digits only: "1e3", "0x10", " 7", "-0" and "3.0" are not tile indexes.
function parseIndex(raw: string): number | undefined {
  if (!/^\d{1,8}$/.test(raw)) return undefined;
  return Number(raw);
}

function clip(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

/** The tile's extent in degrees, grown by `buffer` tile units of `extent` on each side (features drawn in the buffer). */
export function tileBbox({ z, x, y }: TileAddress, buffer = 0, extent = 4096): Bbox {
  const n = 2 ** z;
  const pad = buffer / extent;
  return [lon(x - pad, n), lat(y + 1 + pad, n), lon(x + 1 + pad, n), lat(y - pad, n)];
}

export function bboxesIntersect(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** The XYZ tile that contains a point, e.g. to find the tile over a district in a test. */
export function tileAt(lonDeg: number, latDeg: number, z: number): TileAddress {
  const n = 2 ** z;
  const r = (latDeg * Math.PI) / 180;
  const x = Math.floor(((lonDeg + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { z, x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}

function lon(x: number, n: number): number {
  return (x / n) * 360 - 180;
}

function lat(y: number, n: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
}
