// Test scaffolding: a camera simulator on loopback (loops encoded once per machine into a temp dir, tiny and
// short so that suites stay fast), cameras of a seeded test database pointed at it, and the proxy serving them
// from a real HTTP server on port 0.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import type { Database } from '@ioc/sql';
import { createCameraProxy, type CameraProxy, type CameraProxyOptions } from '../../src/index.ts';
import { readCameraProxyConfig, type CameraProxyConfig } from '../../src/config.ts';
import { createCameraSimulator, type CameraSimulator } from '../../src/simulator/camera.simulator.ts';
import type { FaultMode } from '../../src/simulator/fault-mode.ts';

export const SIMULATOR_CACHE = path.join(os.tmpdir(), 'ioc-camera-simulator-test');

/** The proxy's settings for tests: no background health rounds, the simulator's origin allowed. */
export function testConfig(overrides: Partial<CameraProxyConfig> = {}): CameraProxyConfig {
  return { ...readCameraProxyConfig({}), healthIntervalMs: 0, ...overrides };
}

export async function startSimulator(
  cameras: { code: string; name?: string }[],
  options: { faults?: Record<string, FaultMode>; slowMs?: number } = {},
): Promise<CameraSimulator> {
  const simulator = await createCameraSimulator({
    cameras: cameras.map((c) => ({ code: c.code, name: c.name ?? c.code })),
    ffmpegPath: 'ffmpeg',
    cacheDir: SIMULATOR_CACHE,
    width: 160,
    height: 90,
    segmentSeconds: 1,
    windowSize: 5,
    ...options,
  });
  await simulator.ready;
  return simulator;
}

export interface ProxyServer {
  proxy: CameraProxy;
  base: string;
  close(): Promise<void>;
}

/** The proxy's router on a real server at 127.0.0.1:0, as /cameras. */
export async function startProxy(
  options: Omit<CameraProxyOptions, 'config'> & { config?: Partial<CameraProxyConfig> },
): Promise<ProxyServer> {
  const proxy = createCameraProxy({ ...options, config: testConfig(options.config), log: () => {} });
  const app = express();
  app.use('/cameras', proxy.router);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    proxy,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cameras`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await proxy.close();
    },
  };
}

/** Points registered cameras at URLs (as an operator would in the registry). */
export async function setUpstream(database: Database, urls: Record<string, string | null>): Promise<void> {
  for (const [code, url] of Object.entries(urls)) {
    await database.db.updateTable('cameras').set({ upstream_url: url }).where('code', '=', code).execute();
  }
}

/** Runs ffmpeg/ffprobe; resolves with exit code and output (never rejects). */
export function run(
  cmd: string,
  args: string[],
  timeoutMs = 30_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A GET with its time to answer, in ms. */
export async function timedGet(
  url: string,
  init: RequestInit = {},
): Promise<{ res: Response; ms: number; body: Buffer }> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  const body = Buffer.from(await res.arrayBuffer());
  return { res, ms: performance.now() - t0, body };
}
