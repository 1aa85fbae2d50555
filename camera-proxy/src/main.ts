// Standalone camera-proxy (docker-compose): /cameras/... and /healthz on PORT (default 8083). With
// CAMERA_SIMULATOR=1 it also plays the Hà Nội demo cameras from a loopback simulator.
import express from 'express';
import { openDatabase, readDatabaseConfig } from '@ioc/sql';
import { createCameraProxy, readCameraProxyConfig, startDemoCameras } from './index.ts';

const database = await openDatabase(readDatabaseConfig());
let config = readCameraProxyConfig();
const demo = config.simulator.enabled ? await startDemoCameras(database, config) : undefined;
if (demo) {
  config = demo.config;
  console.log(`camera simulator at ${demo.simulator.baseUrl} plays ${demo.registered} cameras`);
}
const proxy = createCameraProxy({ database, config, monitorAfter: demo?.simulator.ready });
const app = express();
app.disable('x-powered-by');
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.use('/cameras', proxy.router);
const server = app.listen(config.port, config.host, () => {
  console.log(`camera-proxy listening on ${JSON.stringify(server.address())}`);
});
const stop = () => {
  server.close(async () => {
    await proxy.close();
    await demo?.simulator.close();
    await database.close();
    process.exit(0);
  });
  server.closeAllConnections();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
