// Real players through the proxy: ffprobe opens the live stream, ffmpeg records ten seconds of it with time
// running straight through the simulator's loop points, a second player at the same time costs the camera
// nothing more, and snapshots come from the newest segment.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import type { CameraSimulator } from '../src/simulator/camera.simulator.ts';
import {
  run,
  setUpstream,
  startProxy,
  startSimulator,
  timedGet,
  type ProxyServer,
} from './support/camera-stack.ts';

let database: TestDatabase;
let sim: CameraSimulator;
let stack: ProxyServer;
let out: string;

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-playback-'));
  database = await createTestDatabase();
  sim = await startSimulator([
    { code: 'hn-001', name: 'Nguyễn Trãi - Khuất Duy Tiến' },
    { code: 'hn-002', name: 'master playlist' },
  ]);
  await setUpstream(database, { 'hn-001': sim.streamUrl('hn-001'), 'hn-002': sim.masterUrl('hn-002') });
  stack = await startProxy({ database, config: { allowedOrigins: [sim.baseUrl] } });
});

afterAll(async () => {
  await stack?.close();
  await sim?.close();
  await database?.drop();
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

describe('playback through the proxy', () => {
  it('ffprobe sees a 160×90 H.264 live stream', async () => {
    const probe = await run('ffprobe', [
      ...['-v', 'error', '-show_entries', 'stream=codec_name,width,height,pix_fmt', '-of', 'json'],
      `${stack.base}/hn-001/index.m3u8`,
    ]);
    expect(probe.code).toBe(0);
    expect(JSON.parse(probe.stdout).streams[0]).toEqual({
      codec_name: 'h264',
      width: 160,
      height: 90,
      pix_fmt: 'yuv420p',
    });
  });

  it('two players record ten seconds each, time running straight across loop points, one fetch per segment', async () => {
    const record = (file: string) =>
      run('ffmpeg', [
        ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-i', `${stack.base}/hn-001/index.m3u8`],
        ...['-t', '10', '-c', 'copy', path.join(out, file)],
      ]);
    const [a, b] = await Promise.all([record('a.ts'), record('b.ts')]);
    expect([a.code, a.stderr, b.code]).toEqual([0, '', 0]);

    const probe = await run('ffprobe', [
      ...['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts', '-of', 'json'],
      path.join(out, 'a.ts'),
    ]);
    const pts: number[] = JSON.parse(probe.stdout).packets.map((p: { pts: number }) => p.pts);
    expect(pts.length).toBeGreaterThanOrEqual(99); // 10 s at 10 fps
    const steps = new Set(pts.slice(1).map((p, i) => p - pts[i]!));
    expect([...steps]).toEqual([9000]); // 1/10 s every frame: no jump back at the 4 s loop point

    // Both players fetched the same segments; the camera served each of them once.
    const segmentPaths = [...Array(sim.newestSequence('hn-001') + 1).keys()].map(
      (n) => `/sim/hn-001/${n}.ts`,
    );
    const counts = segmentPaths.map((p) => sim.requests(p)).filter((n) => n > 0);
    expect(counts.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...counts)).toBe(1);
  });

  it('plays a master playlist through its variant', async () => {
    const probe = await run('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_name',
      '-of',
      'csv=p=0',
      `${stack.base}/hn-002/index.m3u8`,
    ]);
    expect(probe.code).toBe(0);
    expect(probe.stdout.trim().split(/\s+/)[0]).toBe('h264');
  });

  it('serves a JPEG snapshot of the newest segment and reuses it for a few seconds', async () => {
    const first = await timedGet(`${stack.base}/hn-001/snapshot.jpg`);
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('content-type')).toBe('image/jpeg');
    expect(first.body.subarray(0, 2).toString('hex')).toBe('ffd8');
    const dims = await run('ffprobe', [
      ...['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0'],
      `${stack.base}/hn-001/snapshot.jpg`,
    ]);
    expect(dims.stdout.trim()).toBe('160,90');
    const again = await timedGet(`${stack.base}/hn-001/snapshot.jpg`);
    expect(again.body.equals(first.body)).toBe(true);
    expect(again.ms).toBeLessThan(100);
  });
});
