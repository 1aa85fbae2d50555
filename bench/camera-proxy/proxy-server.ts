// Benchmark part: the camera proxy in its own process, as in production but with the camera registry in
// memory (the benchmark measures the proxy, not the database): argv = simulator base URL, camera codes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Camera } from '../../camera-proxy/src/camera.repository.ts';
import { createCameraRouter } from '../../camera-proxy/src/camera.router.ts';
import { readCameraProxyConfig } from '../../camera-proxy/src/config.ts';
import { SnapshotService } from '../../camera-proxy/src/snapshot/snapshot.service.ts';
import { StreamService } from '../../camera-proxy/src/stream.service.ts';
import { AddressPolicy } from '../../camera-proxy/src/upstream/address-policy.ts';
import { UpstreamClient } from '../../camera-proxy/src/upstream/upstream.client.ts';
import { ViewerAuth } from '../../camera-proxy/src/viewer.auth.ts';

const [baseUrl, ...codes] = process.argv.slice(2) as [string, ...string[]];
const config = readCameraProxyConfig({});
const cameras = new Map<string, Camera>(
  codes.map((code, i) => [
    code,
    {
      id: i + 1,
      code,
      name: code,
      upstreamUrl: `${baseUrl}/sim/${code}/index.m3u8`,
      isPublic: true,
      status: 'online',
      lastError: null,
      lng: 105.85,
      lat: 21.03,
      adminUnitId: null,
    },
  ]),
);
const client = new UpstreamClient({ policy: new AddressPolicy({ allowedOrigins: [baseUrl] }) });
const streams = new StreamService({ client, settings: config });
const router = createCameraRouter({
  cameras: { find: async (id) => cameras.get(id) },
  streams,
  snapshots: new SnapshotService({ streams, ffmpegPath: 'ffmpeg', ttlMs: 5000 }),
  auth: new ViewerAuth({ secret: undefined, findUser: async () => undefined }),
  log: (message, err) => console.error(message, err),
});
const app = express();
app.disable('x-powered-by');
app.use('/cameras', router);
app.get('/_stats', (_req, res) => {
  res.json({ ...streams.stats, rssBytes: process.memoryUsage().rss });
});
const server = http.createServer(app);
server.keepAliveTimeout = 30_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
console.log(JSON.stringify({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
