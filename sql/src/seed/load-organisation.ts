// Loads agency types, report categories with SLAs, a People's Committee per district, and the city agencies.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { HANOI_CODE } from './load-admin-units.ts';
import { AGENCY_TYPES, CATEGORIES, CITY_AGENCIES } from './reference-data.ts';

export async function loadOrganisation(db: Kysely<DB>): Promise<{ units: number; categories: number }> {
  await db
    .insertInto('agency_types')
    .values(AGENCY_TYPES)
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), name_en: eb.ref('excluded.name_en') })),
    )
    .execute();

  await db
    .insertInto('categories')
    .values(
      CATEGORIES.map((c, i) => ({
        code: c.code,
        name: c.name,
        name_en: c.name_en,
        agency_type: c.agency_type,
        ack_minutes: c.ack_minutes,
        resolve_minutes: c.resolve_minutes,
        priority: c.priority,
        is_emergency: c.is_emergency ?? false,
        color: c.color,
        keywords: c.keywords,
        sort_order: i + 1,
      })),
    )
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        name_en: eb.ref('excluded.name_en'),
        agency_type: eb.ref('excluded.agency_type'),
        ack_minutes: eb.ref('excluded.ack_minutes'),
        resolve_minutes: eb.ref('excluded.resolve_minutes'),
        priority: eb.ref('excluded.priority'),
        is_emergency: eb.ref('excluded.is_emergency'),
        color: eb.ref('excluded.color'),
        keywords: eb.ref('excluded.keywords'),
        sort_order: eb.ref('excluded.sort_order'),
      })),
    )
    .execute();

  // One People's Committee per district, answering for the district's area.
  await sql`
    insert into units (code, name, name_en, agency_type, admin_unit_id, area, area_km2)
    select 'UBND-' || a.code, 'Ủy ban nhân dân ' || a.name, a.name_en || ' People''s Committee',
           'people_committee', a.id, a.geom, a.area_km2
    from admin_units a join admin_units p on p.id = a.parent_id
    where p.code = ${HANOI_CODE} and a.level = 2
    on conflict (code) do update set name = excluded.name, name_en = excluded.name_en,
      admin_unit_id = excluded.admin_unit_id, area = excluded.area, area_km2 = excluded.area_km2`.execute(db);

  // City agencies (and the city's own committee) answer for every district: the union of them, so a
  // point inside any district is always covered even where the province outline is coarser.
  const cityUnits = [
    {
      code: 'UBND-HN',
      name: 'Ủy ban nhân dân thành phố Hà Nội',
      name_en: "Hanoi People's Committee",
      agency_type: 'people_committee',
      phone: '024 3825 3536',
    },
    ...CITY_AGENCIES,
  ];
  await sql`
    with city as (
      select p.id, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(a.geom)), 3))::geometry(MultiPolygon, 4326) as geom
      from admin_units p join admin_units a on a.parent_id = p.id
      where p.code = ${HANOI_CODE}
      group by p.id
    )
    insert into units (code, name, name_en, agency_type, admin_unit_id, phone, area, area_km2)
    select u->>'code', u->>'name', u->>'name_en', u->>'agency_type', city.id, u->>'phone', city.geom,
           ST_Area(city.geom::geography) / 1e6
    from jsonb_array_elements(${JSON.stringify(cityUnits)}::jsonb) u cross join city
    on conflict (code) do update set name = excluded.name, name_en = excluded.name_en,
      agency_type = excluded.agency_type, admin_unit_id = excluded.admin_unit_id, phone = excluded.phone,
      area = excluded.area, area_km2 = excluded.area_km2`.execute(db);
  // District committees report to the city's.
  await sql`
    update units set parent_unit_id = (select id from units where code = 'UBND-HN')
    where code like 'UBND-%' and code <> 'UBND-HN'`.execute(db);

  const units = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return { units: Number(units.n), categories: CATEGORIES.length };
}
