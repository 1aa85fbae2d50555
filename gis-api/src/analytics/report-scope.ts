// Turns a checked report scope into SQL terms (category id, stored cells) and keeps the exact bbox
// rule — a cell belongs to a bbox when its centre lies inside — in one place.
import { badInput } from '../errors.ts';
import type { ReportScope } from './analytics-input.ts';
import type { SqlScope } from './analytics-sql.ts';
import { bboxPrefilter, centreInBBox } from './cells.ts';
import type { LookupRepository } from './lookup.repository.ts';

export async function sqlScopeOf(
  scope: ReportScope,
  resolution: number,
  lookups: LookupRepository,
): Promise<SqlScope> {
  let categoryId: number | null = null;
  if (scope.categoryCode !== null) {
    categoryId = (await lookups.categoryId(scope.categoryCode)) ?? null;
    if (categoryId === null) throw badInput(`Unknown category "${scope.categoryCode}" (see categories)`);
  }
  if (scope.unitId !== null && !(await lookups.unitExists(scope.unitId))) {
    throw badInput(`No unit has id ${scope.unitId} (see units)`);
  }
  return {
    categoryId,
    statuses: scope.statuses,
    unitId: scope.unitId,
    cells: scope.bbox ? bboxPrefilter(scope.bbox, resolution) : null,
    adminUnitIds: null,
  };
}

/** Keeps the cells (hex) the scope's bbox takes: every cell when there is no bbox. */
export function inScope(scope: ReportScope): (cell: string) => boolean {
  const bbox = scope.bbox;
  return bbox ? (cell) => centreInBBox(cell, bbox) : () => true;
}
