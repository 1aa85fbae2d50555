// SQL for public facilities (schools, clinics, hospitals): filter by kind, bounding box and folded text.
import { sql, type Kysely } from 'kysely';
import type { DB, FacilityKind } from '@ioc/sql';
import type { BBox } from './bbox.ts';

export interface Facility {
  id: number;
  kind: FacilityKind;
  name: string;
  nameEn: string | null;
  address: string | null;
  phone: string | null;
  website: string | null;
  emergency: boolean;
  location: { lat: number; lng: number };
}

export interface FacilityFilter {
  kind?: FacilityKind;
  bbox?: BBox;
  /** Already trimmed and non-empty. */
  text?: string;
  limit: number;
}

export class FacilityRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async search(filter: FacilityFilter): Promise<Facility[]> {
    let q = this.db
      .selectFrom('facilities')
      .select([
        'id',
        'kind',
        'name',
        'name_en as nameEn',
        'address',
        'phone',
        'website',
        'emergency',
        sql<number>`ST_Y(geom)`.as('lat'),
        sql<number>`ST_X(geom)`.as('lng'),
      ]);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.bbox) {
      const [minLng, minLat, maxLng, maxLat] = filter.bbox;
      q = q.where(sql<boolean>`geom && ST_MakeEnvelope(${minLng}, ${minLat}, ${maxLng}, ${maxLat}, 4326)`);
    }
    if (filter.text) {
      // search_text is ioc_fold()ed (lower case, no diacritics, đ→d); fold the query the same way.
      const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q
        .where(sql<boolean>`search_text like ioc_fold(${pattern})`)
        .orderBy(sql`similarity(search_text, ioc_fold(${filter.text}))`, 'desc');
    }
    const rows = await q.orderBy('name').orderBy('id').limit(filter.limit).execute();
    return rows.map(({ lat, lng, ...f }) => ({ ...f, location: { lat, lng } }));
  }
}
