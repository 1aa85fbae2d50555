// Benchmark part: the camera simulator in its own process — ten cameras of camera-like weight (480×270, ~0.3 Mbit/s,
// 15 fps, film grain, 2 s segments) — printing its base URL, with GET /_stats giving every path's request count.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createCameraSimulator } from '../../camera-proxy/src/simulator/camera.simulator.ts';

const cameras = Array.from({ length: Number(process.argv[2] ?? 10) }, (_, i) => {
  const code = `cam-${String(i + 1).padStart(2, '0')}`;
  return { code, name: `Benchmark camera ${i + 1}` };
});
const sim = await createCameraSimulator({
  cameras,
  ffmpegPath: 'ffmpeg',
  cacheDir: path.join(os.tmpdir(), 'ioc-camera-simulator-bench'),
  width: 480,
  height: 270,
  fps: 15,
  segmentSeconds: 2,
  loopSeconds: 8,
  windowSize: 5,
  grain: 6,
  encodeConcurrency: 2,
});
await sim.ready;
const stats = http.createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(Object.fromEntries(sim.requestCounts())));
});
await new Promise<void>((resolve) => stats.listen(0, '127.0.0.1', resolve));
console.log(
  JSON.stringify({
    baseUrl: sim.baseUrl,
    stats: `http://127.0.0.1:${(stats.address() as AddressInfo).port}`,
  }),
);
process.on('SIGTERM', () => {
  stats.close();
  void sim.close().then(() => process.exit(0));
});
