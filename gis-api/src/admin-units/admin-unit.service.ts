// Administrative units as the API shows them; boundaries only on request, levels checked.
import { badInput } from '../errors.ts';
import type { AdminUnit, AdminUnitRepository } from './admin-unit.repository.ts';

export class AdminUnitService {
  constructor(private readonly adminUnits: AdminUnitRepository) {}

  list(options: { level?: number | null; withGeometry: boolean }): Promise<AdminUnit[]> {
    const { level, withGeometry } = options;
    if (level != null && (!Number.isInteger(level) || level < 1 || level > 5)) {
      throw badInput(`level must be from 1 to 5 (got ${level})`);
    }
    return this.adminUnits.list({ withGeometry, ...(level != null ? { level } : {}) });
  }

  byIds(ids: readonly number[], withGeometry = false): Promise<AdminUnit[]> {
    return this.adminUnits.byIds(ids, withGeometry);
  }
}
