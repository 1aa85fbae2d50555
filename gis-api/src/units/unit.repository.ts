// SQL for units: the people's committees and agencies that handle reports.
import type { Kysely } from 'kysely';
import type { DB } from '@ioc/sql';

export interface Unit {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  agencyType: string;
  adminUnitId: number | null;
  parentUnitId: number | null;
  phone: string | null;
  email: string | null;
}

export class UnitRepository {
  constructor(private readonly db: Kysely<DB>) {}

  listActive(): Promise<Unit[]> {
    return this.select().where('active', '=', true).orderBy('code').execute();
  }

  byIds(ids: readonly number[]): Promise<Unit[]> {
    return this.select()
      .where('id', 'in', [...ids])
      .execute();
  }

  private select() {
    return this.db
      .selectFrom('units')
      .select([
        'id',
        'code',
        'name',
        'name_en as nameEn',
        'agency_type as agencyType',
        'admin_unit_id as adminUnitId',
        'parent_unit_id as parentUnitId',
        'phone',
        'email',
      ]);
  }
}
