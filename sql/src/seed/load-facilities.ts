// Loads Hà Nội's schools, kindergartens, universities (OSM) and hospitals, clinics, doctors (OSM) into facilities.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { readFeatures, text } from './data-files.ts';

interface FacilityRow {
  source: string;
  kind: string;
  name: string;
  name_en: string | null;
  address: string | null;
  phone: string | null;
  website: string | null;
  emergency: boolean;
  external_id: string;
  lng: number;
  lat: number;
}

const HEALTH_KINDS = new Set(['hospital', 'clinic', 'doctors']);
const EDUCATION_KINDS = new Set(['school', 'kindergarten', 'university']);

export async function loadFacilities(db: Kysely<DB>): Promise<{ health: number; education: number }> {
  const health: FacilityRow[] = readFeatures('facilities/hanoi_health_facilities.geojson', ['Point']).flatMap(
    (f) => {
      const p = f.properties;
      const kind = String(p.amenity);
      const name = text(p.name);
      if (!HEALTH_KINDS.has(kind) || !name) return [];
      const [lng, lat] = f.geometry.coordinates as [number, number];
      return [
        {
          source: 'osm-health',
          kind,
          name,
          name_en: text(p['name:en']),
          address: joinAddress([
            p['addr:housenumber'],
            p['addr:street'],
            p['addr:subdistrict'],
            p['addr:district'],
          ]),
          phone: text(p.phone) ?? text(p['contact:phone']) ?? text(p['contact:mobile']),
          website: text(p.website) ?? text(p['contact:website']),
          emergency: p.emergency === 'yes',
          external_id: String(p.osm_id),
          lng,
          lat,
        },
      ];
    },
  );
  const education: FacilityRow[] = readFeatures('facilities/hanoi_education.geojson', ['Point']).flatMap(
    (f) => {
      const p = f.properties;
      const kind = String(p.amenity);
      const name = text(p.name);
      if (!EDUCATION_KINDS.has(kind) || !name) return [];
      const [lng, lat] = f.geometry.coordinates as [number, number];
      return [
        {
          source: 'osm-education',
          kind,
          name,
          name_en: text(p.name_en),
          address: joinAddress([p.addr_housenumber, p.addr_street, p.addr_subdistrict, p.addr_district]),
          phone: null,
          website: text(p.website),
          emergency: false,
          external_id: String(p.osm_ref),
          lng,
          lat,
        },
      ];
    },
  );
  // The two extracts can hold the same OSM object (a medical university is both); each keeps its own row.
  const rows = [...health, ...education];
  await sql`
    insert into facilities (kind, name, name_en, address, phone, website, emergency, geom, source, external_id)
    select (r->>'kind')::facility_kind, r->>'name', r->>'name_en', r->>'address', r->>'phone', r->>'website',
           (r->>'emergency')::boolean, ST_SetSRID(ST_MakePoint((r->>'lng')::float8, (r->>'lat')::float8), 4326),
           r->>'source', r->>'external_id'
    from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) r
    on conflict (source, external_id) do update set kind = excluded.kind, name = excluded.name,
      name_en = excluded.name_en, address = excluded.address, phone = excluded.phone, website = excluded.website,
      emergency = excluded.emergency, geom = excluded.geom, updated_at = now()`.execute(db);
  await assignAdminUnits(db, 'facilities');
  return { health: health.length, education: education.length };
}

/** Sets admin_unit_id to the finest admin unit containing each point. */
export async function assignAdminUnits(db: Kysely<DB>, table: 'facilities' | 'cameras'): Promise<void> {
  await sql`
    update ${sql.table(table)} t set admin_unit_id = (
      select a.id from admin_units a where ST_Contains(a.geom, t.geom) order by a.level desc limit 1
    )`.execute(db);
}

function joinAddress(parts: unknown[]): string | null {
  const s = parts
    .map(text)
    .filter((p): p is string => p !== null)
    .join(', ');
  return s === '' ? null : s;
}
