// Migrations refuse a database without PostGIS with one line saying how to install it.
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/database.ts';
import { migrate, MigrationError } from '../src/migrator.ts';
import type { DB } from '../src/schema.ts';

// A server whose pg_available_extensions has no postgis row answers the check with no rows,
// which is what kysely's DummyDriver returns for every query.
function databaseWithoutPostgis(): Database {
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return {
    db,
    mode: 'pg',
    location: 'db.example:5432/ioc',
    capabilities: { mvt: true },
    listen: async () => async () => {},
    close: async () => {},
  };
}

describe('a database without PostGIS', () => {
  it('is refused before any migration runs, naming the server and the package to install', async () => {
    const error = await migrate(databaseWithoutPostgis()).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toBe(
      'PostGIS is not installed on db.example:5432/ioc: install it (Debian: apt-get install -y postgresql-15-postgis-3) or use the postgis/postgis image.',
    );
    expect((error as Error).message).not.toContain('\n');
  });
});
