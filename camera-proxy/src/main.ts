// Standalone camera-proxy (docker-compose): /cameras/... and /healthz on PORT (default 8083).
import express from 'express';
import { openDatabase, readDatabaseConfig } from '@ioc/sql';
import { createCameraProxy, readCameraProxyConfig } from './index.ts';

const database = await openDatabase(readDatabaseConfig());
const proxy = createCameraProxy({ database, config: readCameraProxyConfig() });
const app = express();
app.disable('x-powered-by');
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.use('/cameras', proxy.router);
const server = app.listen(Number(process.env.PORT ?? 8083), () => {
  console.log(`camera-proxy listening on ${JSON.stringify(server.address())}`);
});
const stop = () => {
  server.close(async () => {
    await proxy.close();
    await database.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
