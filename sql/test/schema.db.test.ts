// The schema keeps bad data out and the migrator is repeatable — on PostgreSQL and on embedded PGlite alike.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, pendingMigrations } from '../src/index.ts';
import { migrationsDir, readSqlFiles, refreshFunctions } from '../src/migrator.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

async function rejects(statement: string): Promise<string> {
  try {
    await sql.raw(statement).execute(t.db);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`accepted: ${statement}`);
}

const category = `(select id from categories where code = 'rac-thai')`;
const reportCols = `category_id, description, geom, ack_due_at, resolve_due_at, h3_r6, h3_r7, h3_r8, h3_r9, h3_r10`;
const reportVals = (geom: string) =>
  `${category}, 'rác', ${geom}, now() + interval '1 hour', now() + interval '2 hours', 1, 2, 3, 4, 5`;

describe('migrations', () => {
  it('records every migration file and has none pending', async () => {
    const rows = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(t.db);
    expect(rows.rows.map((r) => r.name)).toEqual(readSqlFiles(migrationsDir).map((f) => f.name));
    expect(await pendingMigrations(t.db)).toEqual([]);
  });

  it('applies nothing the second time it runs', async () => {
    const result = await migrate(t);
    expect(result.applied).toEqual([]);
  });

  it('recreates a function whose file changed, even when its return type changed', async () => {
    const v1 = {
      name: 'ioc_test_fn.sql',
      text: 'CREATE OR REPLACE FUNCTION ioc_test_fn(x int) RETURNS int LANGUAGE sql AS $$ SELECT x + 1 $$;',
      checksum: 'v1',
    };
    const v2 = {
      name: 'ioc_test_fn.sql',
      text: "CREATE OR REPLACE FUNCTION ioc_test_fn(x int) RETURNS text LANGUAGE sql AS $$ SELECT 'n=' || x $$;",
      checksum: 'v2',
    };
    expect(await refreshFunctions(t.db, [v1])).toEqual(['ioc_test_fn.sql']);
    expect(await refreshFunctions(t.db, [v1])).toEqual([]);
    expect(await refreshFunctions(t.db, [v2])).toEqual(['ioc_test_fn.sql']);
    const r = await sql<{ v: string }>`select ioc_test_fn(41) as v`.execute(t.db);
    expect(r.rows[0]!.v).toBe('n=41');
  });

  it('puts a GiST index on every geometry column', async () => {
    const r = await sql<{ t: string; c: string }>`
      select f_table_name as t, f_geometry_column as c from geometry_columns g
      where f_table_schema = 'public' and not exists (
        select 1 from pg_indexes i
        where i.tablename = g.f_table_name and i.indexdef ilike '%using gist%' and i.indexdef like '%(' || g.f_geometry_column || ')%'
      )`.execute(t.db);
    // Secondary geometries (label points, circle centres, the raw polygon beside the effective area) are not searched.
    expect(r.rows.map((x) => `${x.t}.${x.c}`).sort()).toEqual([
      'admin_units.label_point',
      'alert_areas.circle_center',
      'alert_areas.polygon',
    ]);
  });

  it('indexes every H3 resolution from 6 to 10', async () => {
    const r = await sql<{
      indexname: string;
    }>`select indexname from pg_indexes where tablename = 'reports' and indexname like 'reports_h3_%'`.execute(
      t.db,
    );
    expect(r.rows.map((x) => x.indexname).sort()).toEqual(
      [10, 6, 7, 8, 9].map((n) => `reports_h3_r${n}_idx`),
    );
  });
});

describe('constraints keep bad data out', () => {
  it('refuses a report point with the wrong SRID', async () => {
    expect(
      await rejects(
        `insert into reports (${reportCols}) values (${reportVals(`ST_SetSRID(ST_MakePoint(105.8, 21.0), 3857)`)})`,
      ),
    ).toMatch(/SRID/i);
  });

  it('refuses a report with a latitude beyond 90', async () => {
    expect(
      await rejects(
        `insert into reports (${reportCols}) values (${reportVals(`ST_SetSRID(ST_MakePoint(105.8, 91), 4326)`)})`,
      ),
    ).toMatch(/check constraint/);
  });

  it('refuses a line where a point belongs', async () => {
    expect(
      await rejects(
        `insert into reports (${reportCols}) values (${reportVals(`ST_GeomFromText('LINESTRING(105 21, 106 21)', 4326)`)})`,
      ),
    ).toMatch(/geometry type/i);
  });

  it('refuses a status outside the lifecycle', async () => {
    expect(
      await rejects(
        `insert into reports (${reportCols}, status) values (${reportVals(`ST_SetSRID(ST_MakePoint(105.8, 21.0), 4326)`)}, 'lost')`,
      ),
    ).toMatch(/invalid input value for enum report_status/);
  });

  it('refuses a self-intersecting admin polygon', async () => {
    expect(
      await rejects(`insert into admin_units (level, kind, code, name, geom, label_point, area_km2, source)
        values (3, 'ward', 'BOWTIE', 'Nơ', ST_Multi(ST_GeomFromText('POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))', 4326)),
        ST_SetSRID(ST_MakePoint(0.5, 0.5), 4326), 1, 'test')`),
    ).toMatch(/check constraint/);
  });

  it('refuses an SLA that resolves before it acknowledges', async () => {
    expect(
      await rejects(
        `insert into categories (code, name, name_en, agency_type, ack_minutes, resolve_minutes) values ('x-y', 'X', 'X', 'police', 60, 30)`,
      ),
    ).toMatch(/check constraint/);
  });

  it('refuses a duplicate status without the report it duplicates', async () => {
    expect(
      await rejects(
        `insert into reports (${reportCols}, status) values (${reportVals(`ST_SetSRID(ST_MakePoint(105.8, 21.0), 4326)`)}, 'duplicate')`,
      ),
    ).toMatch(/check constraint/);
  });

  it('keeps the events log append-only', async () => {
    await sql`insert into events (topic, type) values ('system', 'test.ping')`.execute(t.db);
    expect(await rejects(`update events set type = 'test.changed'`)).toMatch(/append-only: UPDATE refused/);
    expect(await rejects(`delete from events`)).toMatch(/append-only: DELETE refused/);
  });

  it('numbers events in increasing order and records the writing transaction', async () => {
    await sql`insert into events (topic, type) values ('system', 'test.a'), ('system', 'test.b')`.execute(
      t.db,
    );
    const r = await sql<{
      seq: string;
      type: string;
      tx: string;
    }>`select seq, type, tx_id::text as tx from events where type in ('test.a', 'test.b') order by seq`.execute(
      t.db,
    );
    expect(r.rows.map((x) => x.type)).toEqual(['test.a', 'test.b']);
    expect(BigInt(r.rows[1]!.seq)).toBeGreaterThan(BigInt(r.rows[0]!.seq));
    expect(r.rows[0]!.tx).toBe(r.rows[1]!.tx);
  });

  it('folds Vietnamese diacritics and đ for search', async () => {
    const r = await sql<{ f: string }>`select ioc_fold('Bệnh viện Đống Đa') as f`.execute(t.db);
    expect(r.rows[0]!.f).toBe('benh vien dong da');
  });
});
