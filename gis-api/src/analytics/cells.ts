// H3 cells as the database stores them (signed bigint, decimal text) and as clients use them (hex
// strings), and the cover of a bounding box used to filter on the indexed cell columns.
import { cellToLatLng, gridDisk, polygonToCellsExperimental, POLYGON_TO_CELLS_FLAGS } from 'h3-js';
import type { BBox } from '../facilities/bbox.ts';

export const MIN_RESOLUTION = 6;
export const MAX_RESOLUTION = 10;
/** A bbox cover larger than this filters on a coarser column instead (an IN list stays cheap). */
const MAX_COVER = 3000;

/** `8a65a9...` → the signed decimal text stored in reports.h3_r*. */
export function cellToStored(cell: string): string {
  return BigInt.asIntN(64, BigInt(`0x${cell}`)).toString();
}

/** reports.h3_r* (signed decimal text) → the H3 index as a hex string. */
export function storedToCell(stored: string): string {
  return BigInt.asUintN(64, BigInt(stored)).toString(16);
}

export function cellCenter(cell: string): { lat: number; lng: number } {
  const [lat, lng] = cellToLatLng(cell);
  return { lat, lng };
}

/** The cell and its neighbours up to k rings away. */
export function neighbourhood(cell: string, k: number): string[] {
  return gridDisk(cell, k);
}

export interface CellFilter {
  /** Which stored column the cells are of. */
  resolution: number;
  /** Stored (decimal) cell ids; reports outside them cannot be in the bbox. */
  cells: string[];
}

/**
 * A superset of the cells at `resolution` whose centre lies in the bbox, as an IN list on the finest
 * column that keeps it short (null when even resolution 6 would be too long: no prefilter). Callers
 * then keep the exact set with `centreInBBox`.
 */
export function bboxPrefilter(bbox: BBox, resolution: number): CellFilter | null {
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const ring = [
    [minLat, minLng],
    [minLat, maxLng],
    [maxLat, maxLng],
    [maxLat, minLng],
    [minLat, minLng],
  ];
  for (let r = resolution; r >= MIN_RESOLUTION; r--) {
    // A first estimate from the area, so a city-sized box does not enumerate millions of r10 cells.
    if (estimateCells(bbox, r) > MAX_COVER * 4) continue;
    const touching = polygonToCellsExperimental(ring, r, POLYGON_TO_CELLS_FLAGS.containmentOverlapping);
    // One more ring: a report's coarser cell is its fine cell's H3 parent, which can stick out of the
    // parent's outline, so parents just outside the box can still hold reports inside it.
    const cells = r === resolution ? touching : [...new Set(touching.flatMap((c) => gridDisk(c, 1)))];
    if (cells.length <= MAX_COVER) return { resolution: r, cells: cells.map(cellToStored) };
  }
  return null;
}

export function centreInBBox(cell: string, bbox: BBox): boolean {
  const { lat, lng } = cellCenter(cell);
  return lng >= bbox[0] && lat >= bbox[1] && lng <= bbox[2] && lat <= bbox[3];
}

// Average hexagon areas (km²) at resolutions 6–10, from the H3 documentation.
const AVG_KM2: Record<number, number> = { 6: 36.13, 7: 5.161, 8: 0.7373, 9: 0.1053, 10: 0.01504 };

function estimateCells(bbox: BBox, resolution: number): number {
  const midLat = ((bbox[1] + bbox[3]) / 2) * (Math.PI / 180);
  const km2 = (bbox[2] - bbox[0]) * 111.32 * Math.cos(midLat) * (bbox[3] - bbox[1]) * 110.57;
  return km2 / AVG_KM2[resolution]!;
}
