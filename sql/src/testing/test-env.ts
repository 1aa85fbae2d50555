// Where tests find PostgreSQL: DATABASE_URL (a server the tests may create databases on) or the local default.
export const TEMPLATE_MIGRATED = 'ioc_test_tpl_migrated';
export const TEMPLATE_SEEDED = 'ioc_test_tpl_seeded';

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
