// The H3 cells a report stores (r6–r10, signed bigint strings), computed the one way the seed does.
import { cellToParent, latLngToCell } from 'h3-js';
import { h3ToBigint } from './seed/workload.ts';

export interface ReportCells {
  h3_r6: string;
  h3_r7: string;
  h3_r8: string;
  h3_r9: string;
  h3_r10: string;
}

export function reportCells(lng: number, lat: number): ReportCells {
  const cell = latLngToCell(lat, lng, 10);
  return {
    h3_r6: h3ToBigint(cellToParent(cell, 6)),
    h3_r7: h3ToBigint(cellToParent(cell, 7)),
    h3_r8: h3ToBigint(cellToParent(cell, 8)),
    h3_r9: h3ToBigint(cellToParent(cell, 9)),
    h3_r10: h3ToBigint(cell),
  };
}
