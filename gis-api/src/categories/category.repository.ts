// SQL for report categories and agency types (reference data, read-only here).
import type { Kysely } from 'kysely';
import type { DB } from '@ioc/sql';

export interface Category {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
  agencyType: string;
  ackMinutes: number;
  resolveMinutes: number;
  priority: number;
  isEmergency: boolean;
  color: string;
}

/** The columns of a `Category`, for every query that returns categories. */
export const CATEGORY_COLUMNS = [
  'id',
  'code',
  'name',
  'name_en as nameEn',
  'description',
  'agency_type as agencyType',
  'ack_minutes as ackMinutes',
  'resolve_minutes as resolveMinutes',
  'priority',
  'is_emergency as isEmergency',
  'color',
] as const;

export interface AgencyType {
  code: string;
  name: string;
  nameEn: string;
}

export class CategoryRepository {
  constructor(private readonly db: Kysely<DB>) {}

  listActive(): Promise<Category[]> {
    return this.db
      .selectFrom('categories')
      .select(CATEGORY_COLUMNS)
      .where('active', '=', true)
      .orderBy('sort_order')
      .orderBy('code')
      .execute();
  }

  agencyTypesByCode(codes: readonly string[]): Promise<AgencyType[]> {
    return this.db
      .selectFrom('agency_types')
      .select(['code', 'name', 'name_en as nameEn'])
      .where('code', 'in', [...codes])
      .execute();
  }
}
