// Rules for facility searches: validate the filter, cap the page size.
import type { FacilityKind } from '@ioc/sql';
import { badInput } from '../errors.ts';
import { parseBBox } from './bbox.ts';
import type { Facility, FacilityRepository } from './facility.repository.ts';

export const MAX_FACILITIES = 1000;

export interface FacilityQuery {
  kind?: FacilityKind | null;
  bbox?: readonly number[] | null;
  text?: string | null;
  first?: number | null;
}

export class FacilityService {
  constructor(private readonly facilities: FacilityRepository) {}

  search(query: FacilityQuery): Promise<Facility[]> {
    const limit = query.first ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FACILITIES) {
      throw badInput(`first must be from 1 to ${MAX_FACILITIES} (got ${limit})`);
    }
    const text = query.text?.trim();
    if (text && text.length > 200) throw badInput(`text must be at most 200 characters (got ${text.length})`);
    return this.facilities.search({
      limit,
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.bbox ? { bbox: parseBBox(query.bbox) } : {}),
      ...(text ? { text } : {}),
    });
  }
}
