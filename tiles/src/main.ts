// The standalone tiles server: opens the database from the environment, serves /tiles and /healthz on PORT
// (default 8082), and shuts down cleanly on SIGTERM/SIGINT. `npm start` at the root composes it instead.
import { once } from 'node:events';
import { openDatabase, readDatabaseConfig } from '@ioc/sql';
import express from 'express';
import { readTilesConfig } from './config.ts';
import { createTilesRouter } from './index.ts';

const KNOWN_ERRORS = new Set(['ConfigError', 'DatabaseUnavailableError']);

async function main(): Promise<void> {
  const config = readTilesConfig();
  const database = await openDatabase(readDatabaseConfig());
  const tiles = createTilesRouter({ database, config });

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/tiles', tiles.router);
  const server = app.listen(config.port, config.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`tiles: http://${config.host}:${port}/tiles (${database.mode}, ${database.location})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`tiles: ${signal}, shutting down`);
    // Stop accepting, let requests in flight finish, then release the database.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
    await tiles.close();
    await database.close();
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: Error) => {
  console.error(KNOWN_ERRORS.has(err.name) ? `error: ${err.message}` : err);
  process.exitCode = 1;
});
