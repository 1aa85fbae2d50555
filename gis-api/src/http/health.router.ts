// Liveness (/healthz: the process answers) and readiness (/readyz: the database answers and is fully migrated).
import express from 'express';
import { sql } from 'kysely';
import { pendingMigrations, type Database } from '@ioc/sql';

export type Readiness = { ready: true } | { ready: false; reason: string };

export function healthRouter(
  database: Database,
  options: { timeoutMs: number; onDbError(err: unknown): void },
) {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness(database, options);
    res.setHeader('cache-control', 'no-store');
    if (readiness.ready) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'unavailable', reason: readiness.reason });
  });
  return router;
}

export async function checkReadiness(
  database: Database,
  { timeoutMs, onDbError }: { timeoutMs: number; onDbError(err: unknown): void },
): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ready: false,
          reason: `database at ${database.location} did not answer within ${timeoutMs} ms`,
        }),
      timeoutMs,
    );
  });
  const check = (async (): Promise<Readiness> => {
    try {
      await sql`select 1`.execute(database.db);
      const pending = await pendingMigrations(database.db);
      if (pending.length > 0) return { ready: false, reason: `migrations pending: ${pending.join(', ')}` };
      return { ready: true };
    } catch (err) {
      onDbError(err);
      return { ready: false, reason: `database at ${database.location} failed: ${(err as Error).message}` };
    }
  })();
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
