// Where tests find PostgreSQL: DATABASE_URL (a server the tests may create databases on) or the local default.
// Template names carry the id of the test run (set by global-setup, inherited by the workers), so two
// runs on one server never drop each other's templates.
function runId(): string {
  return process.env.IOC_TEST_RUN_ID ?? String(process.pid);
}
export function templateMigrated(): string {
  return `ioc_tpl_${runId()}_migrated`;
}
export function templateSeeded(): string {
  return `ioc_tpl_${runId()}_seeded`;
}

export function adminUrl(): string {
  return process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** The same server as adminUrl(), another database. */
export function urlFor(database: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${database}`;
  return u.toString();
}

export function testDbMode(): 'pg' | 'pglite' {
  return process.env.IOC_TEST_DB_MODE === 'pglite' ? 'pglite' : 'pg';
}
