// `npm start`: the whole platform in one process on one port — database (embedded PGlite unless
// DATABASE_URL is set), migrations, first-run seed, GraphQL API, tiles, camera proxy and the web app.
import http from 'node:http';
import path from 'node:path';
import express from 'express';
import { createCameraProxy, readCameraProxyConfig, startDemoCameras } from '@ioc/camera-proxy';
import { createGisApi, readGisApiConfig } from '@ioc/gis-api';
import { migrate, openDatabase, readDatabaseConfig } from '@ioc/sql';
import { createTilesRouter, invalidationFor, readTilesConfig } from '@ioc/tiles';
import { isSeeded, seedReferenceData } from '../sql/src/seed/seed.ts';
import { readCredentials } from '../sql/src/seed/load-users.ts';
import { seedWorkload } from '../sql/src/seed/workload.ts';
import { runCli } from '../sql/src/cli/run-cli.ts';
import { readStartConfig } from './start-config.ts';
import { ensureWebBuilt, webDist } from './web-build.ts';

const log = (line: string) => console.log(`[ioc] ${line}`);

await runCli(async () => {
  const t0 = Date.now();
  const config = readStartConfig();
  const dbConfig = readDatabaseConfig();
  const apiConfig = readGisApiConfig();
  const tilesConfig = readTilesConfig();
  const cameraConfig = readCameraProxyConfig();
  if (!config.skipWebBuild) ensureWebBuilt(log);

  log(dbConfig.url ? 'connecting to PostgreSQL…' : `starting the embedded database in ${dbConfig.dataDir}…`);
  const database = await openDatabase(dbConfig);
  const { applied } = await migrate(database, log);
  const credentialsFile = path.join(dbConfig.dataDir, 'demo-logins.json');
  if (!(await isSeeded(database))) {
    log('first start: loading the Hà Nội reference data…');
    await seedReferenceData(database, { credentialsFile, demoPasswords: 'random' });
    if (config.demo && config.demoReports > 0) {
      const w = await seedWorkload(database, { reports: config.demoReports });
      log(`generated ${w.reports} demo reports`);
    }
  } else if (applied.length === 0) {
    log('database ready (reusing existing data)');
  }

  const tiles = createTilesRouter({ database, config: tilesConfig });
  // Every change in the events log drops exactly the cached tiles it touches, so maps never show stale data.
  const api = await createGisApi({
    database,
    config: apiConfig,
    onEvent: (event) => {
      const match = invalidationFor(event);
      if (match) tiles.invalidate(match);
    },
  });
  // Demo mode plays the Hà Nội demo cameras from a loopback simulator; the proxy may reach exactly its origin.
  // Staff see private cameras with the same tokens gis-api issues.
  const cameraSettings = { ...cameraConfig, authSecret: apiConfig.authSecret };
  const demoCameras =
    (cameraConfig.simulator.enabled ?? config.demo)
      ? await startDemoCameras(database, cameraSettings)
      : undefined;
  const cameras = createCameraProxy({
    database,
    config: demoCameras?.config ?? cameraSettings,
    monitorAfter: demoCameras?.simulator.ready,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(api.router);
  app.use('/tiles', tiles.router);
  app.use('/cameras', cameras.router);
  // The web app: hashed assets cached for long, everything else falls back to index.html (client routes).
  app.use(
    '/assets',
    express.static(path.join(webDist, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }),
  );
  app.use(express.static(webDist, { index: false, maxAge: '5m' }));
  app.get(/^\/(?!graphql|tiles\/|cameras\/|media|export\/|open311\/|ogc|cap\/).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(webDist, 'index.html'));
  });

  const server = http.createServer(app);
  api.attachWebSocket(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as { port: number }).port;
  const base = `http://localhost:${port}`;
  log(
    `ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${database.mode === 'pg' ? 'PostgreSQL' : 'embedded database'})`,
  );
  log(`public map   ${base}/`);
  log(`video wall   ${base}/wall`);
  log(`leader       ${base}/leader`);
  log(`operators    ${base}/ops`);
  log(`GraphQL      ${base}/graphql`);
  log(`health       ${base}/healthz  ${base}/readyz  ${base}/metrics`);
  if (demoCameras) {
    log(
      `cameras      ${base}/cameras/hn-001/index.m3u8 (${demoCameras.registered} simulated Hà Nội cameras)`,
    );
  }
  if (config.demo) {
    const logins = readCredentials(credentialsFile);
    if (logins.length > 0) {
      log('demo logins (demo mode only; stored in ' + credentialsFile + '):');
      for (const l of logins) log(`  ${l.role.padEnd(9)} ${l.username.padEnd(18)} ${l.password}`);
    }
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down…`);
    // Open keep-alive and WebSocket connections must not hold the process up.
    setTimeout(() => process.exit(1), 10_000).unref();
    server.close();
    server.closeAllConnections();
    void (async () => {
      await api.close();
      await tiles.close();
      await cameras.close();
      await demoCameras?.simulator.close();
      await database.close();
      log('stopped');
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
});
