// SQL for administrative units; the boundary (large) is selected only when the caller asks for it.
import { sql, type Kysely } from 'kysely';
import type { DB } from '@ioc/sql';

/** The kinds the admin_units CHECK constraint allows. */
export type AdminUnitKind =
  'country' | 'province' | 'city' | 'district' | 'urban_district' | 'town' | 'ward' | 'commune' | 'township';

export interface AdminUnit {
  id: number;
  parentId: number | null;
  level: number;
  kind: AdminUnitKind;
  code: string;
  name: string;
  nameEn: string | null;
  areaKm2: number;
  labelPoint: { lat: number; lng: number };
  /** GeoJSON MultiPolygon; present only when loaded with `withGeometry`. */
  geometry?: object;
}

export class AdminUnitRepository {
  constructor(private readonly db: Kysely<DB>) {}

  list(filter: { level?: number; withGeometry: boolean }): Promise<AdminUnit[]> {
    let q = this.select(filter.withGeometry);
    if (filter.level !== undefined) q = q.where('level', '=', filter.level);
    return q
      .orderBy('level')
      .orderBy('code')
      .execute()
      .then((rows) => rows.map(toAdminUnit));
  }

  byIds(ids: readonly number[], withGeometry = false): Promise<AdminUnit[]> {
    return this.select(withGeometry)
      .where('id', 'in', [...ids])
      .execute()
      .then((rows) => rows.map(toAdminUnit));
  }

  private select(withGeometry: boolean) {
    return this.db.selectFrom('admin_units').select([
      'id',
      'parent_id as parentId',
      'level',
      sql<AdminUnitKind>`kind`.as('kind'),
      'code',
      'name',
      'name_en as nameEn',
      'area_km2 as areaKm2',
      sql<number>`ST_Y(label_point)`.as('labelLat'),
      sql<number>`ST_X(label_point)`.as('labelLng'),
      // Six decimals is ~0.1 m: plenty for a boundary, and half the bytes of full precision.
      sql<string | null>`${withGeometry ? sql`ST_AsGeoJSON(geom, 6)` : sql`null`}`.as('geometry'),
    ]);
  }
}

function toAdminUnit(row: {
  id: number;
  parentId: number | null;
  level: number;
  kind: AdminUnitKind;
  code: string;
  name: string;
  nameEn: string | null;
  areaKm2: number;
  labelLat: number;
  labelLng: number;
  geometry: string | null;
}): AdminUnit {
  const { labelLat, labelLng, geometry, ...rest } = row;
  return {
    ...rest,
    labelPoint: { lat: labelLat, lng: labelLng },
    ...(geometry !== null ? { geometry: JSON.parse(geometry) as object } : {}),
  };
}
