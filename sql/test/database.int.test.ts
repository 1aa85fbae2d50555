// Start-up fails fast and clearly when PostgreSQL cannot be reached, naming the host it tried.
import { describe, expect, it } from 'vitest';
import { openDatabase, readDatabaseConfig, DatabaseUnavailableError } from '../src/index.ts';

describe('an unreachable DATABASE_URL', () => {
  it('fails within seconds with the host and port it tried, and no password', async () => {
    const started = Date.now();
    const config = readDatabaseConfig({
      DATABASE_URL: 'postgres://ioc:secret-pw@127.0.0.1:1/ioc',
      DB_CONNECT_TIMEOUT_MS: '1500',
    });
    const error = await openDatabase(config).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(error!.message).toMatch(/^Cannot reach PostgreSQL at 127\.0\.0\.1:1\/ioc: /);
    expect(error!.message).not.toContain('secret-pw');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('names the database when the server answers but the database does not exist', async () => {
    const started = Date.now();
    const config = readDatabaseConfig({
      DATABASE_URL: 'postgres://ioc@127.0.0.1:5432/ioc_no_such_db_x',
      DB_CONNECT_TIMEOUT_MS: '1000',
    });
    const error = await openDatabase(config).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      /Cannot reach PostgreSQL at 127\.0\.0\.1:5432\/ioc_no_such_db_x: .*does not exist/,
    );
    expect(Date.now() - started).toBeLessThan(4000);
  });
});
