// Units (people's committees and agencies) as the API shows them.
import type { Unit, UnitRepository } from './unit.repository.ts';

export class UnitService {
  constructor(private readonly units: UnitRepository) {}

  list(): Promise<Unit[]> {
    return this.units.listActive();
  }

  byIds(ids: readonly number[]): Promise<Unit[]> {
    return this.units.byIds(ids);
  }
}
