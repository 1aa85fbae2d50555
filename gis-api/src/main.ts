// Runs gis-api on its own: `tsx gis-api/src/main.ts` (PORT, default 8081; DATABASE_URL or embedded PGlite).
import http from 'node:http';
import express from 'express';
import {
  ConfigError as DatabaseConfigError,
  DatabaseUnavailableError,
  migrate,
  openDatabase,
  readDatabaseConfig,
} from '@ioc/sql';
import { ConfigError, readGisApiConfig } from './config.ts';
import { createGisApi } from './index.ts';

async function main(): Promise<void> {
  const config = readGisApiConfig();
  const database = await openDatabase(readDatabaseConfig());
  if (config.migrateOnStart || database.mode === 'pglite') {
    // The embedded database belongs to this process alone, so nobody else would migrate it.
    const { applied } = await migrate(database, (line) => console.log(`[gis-api] ${line}`));
    if (applied.length === 0) console.log('[gis-api] database schema is up to date');
  }
  const api = await createGisApi({ database, config });
  if (config.authSecretEphemeral) {
    console.warn('[gis-api] AUTH_SECRET is not set: using a random key, so tokens end when the process does');
  }

  const app = express();
  app.disable('x-powered-by');
  app.use(api.router);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  const server = http.createServer(app);
  api.attachWebSocket(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(
    `[gis-api] listening on http://${config.host}:${port}/graphql (database: ${database.mode} ${database.location})`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[gis-api] ${signal}: shutting down`);
    // Give in-flight requests a moment, then cut idle keep-alive and remaining connections.
    const forced = setTimeout(() => server.closeAllConnections(), 5000);
    forced.unref();
    server.closeIdleConnections();
    await api.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(forced);
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  // Configuration mistakes get one clear line; anything else the full error.
  if (
    err instanceof ConfigError ||
    err instanceof DatabaseConfigError ||
    err instanceof DatabaseUnavailableError
  ) {
    console.error(err.message);
  } else console.error(err);

  process.exit(1);
});
