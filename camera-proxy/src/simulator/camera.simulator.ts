// A loopback HTTP server that plays many live HLS cameras cheaply: each camera's short loop is encoded once,
// then served as a sliding window whose media sequence follows the wall clock, every pass of the loop shifted
// forward in time so players see one endless stream. Fault modes make a camera fail the ways real ones do,
// and every request is counted, so tests can see how often the proxy really asked.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultMode } from './fault-mode.ts';
import { encodeLoop, type EncodedLoop } from './loop.encoder.ts';
import { shiftSegment } from './ts-timestamps.ts';

export interface SimulatedCamera {
  readonly code: string;
  /** Burned into the picture. */
  readonly name: string;
}

export interface CameraSimulatorOptions {
  cameras: readonly SimulatedCamera[];
  ffmpegPath: string;
  cacheDir: string;
  width: number;
  height: number;
  segmentSeconds: number;
  /** Loop length in seconds, a whole number of segments (default four segments). */
  loopSeconds?: number;
  fps?: number;
  /** Segments listed in the live playlist (default 5). */
  windowSize?: number;
  /** Port on 127.0.0.1 (default 0 = any free port). */
  port?: number;
  faults?: Readonly<Record<string, FaultMode>>;
  /** Delay of segments in the 'slow' fault mode (default 3000 ms). */
  slowMs?: number;
  /** Film grain strength for heavier, camera-like segments (benchmark; default none). */
  grain?: number;
  /** Loops encoded at once (default 2). */
  encodeConcurrency?: number;
}

export interface CameraSimulator {
  /** http://127.0.0.1:port */
  readonly baseUrl: string;
  /** The live media playlist of a camera. */
  streamUrl(code: string): string;
  /** A master playlist with the camera's one variant stream. */
  masterUrl(code: string): string;
  /** Settles when every camera's loop is encoded. */
  readonly ready: Promise<void>;
  setFault(code: string, mode: FaultMode): void;
  /** Requests received for exactly this path (e.g. "/sim/hn-001/42.ts"), or for every path with `prefix`. */
  requests(path: string): number;
  requestsUnder(prefix: string): number;
  /** Every path requested so far, with its count. */
  requestCounts(): ReadonlyMap<string, number>;
  /** The newest media sequence number a camera lists now. */
  newestSequence(code: string): number;
  close(): Promise<void>;
}

/** Documentation address (RFC 5737 TEST-NET-3): never routed, and the proxy must refuse it before connecting. */
const OFF_ORIGIN_HOST = 'http://203.0.113.7';
const PATCHED_CACHE_ENTRIES = 512;

export async function createCameraSimulator(options: CameraSimulatorOptions): Promise<CameraSimulator> {
  const segmentMs = options.segmentSeconds * 1000;
  const loopSeconds = options.loopSeconds ?? options.segmentSeconds * 4;
  const windowSize = options.windowSize ?? 5;
  const fps = options.fps ?? 10;
  const slowMs = options.slowMs ?? 3000;
  const started = Date.now();
  const cameras = new Map(options.cameras.map((c) => [c.code, c]));
  const faults = new Map<string, FaultMode>(Object.entries(options.faults ?? {}));
  const frozenAt = new Map<string, number>();
  const counts = new Map<string, number>();
  const patched = new Map<string, Buffer>();
  const hanging = new Set<http.ServerResponse>();

  // Loops are encoded a few at a time in the background; a request for a camera still waiting moves it
  // to the front of the queue.
  const slots = options.encodeConcurrency ?? 2;
  const waiting: { code: string; start: () => void }[] = [];
  let running = 0;
  const schedule = (camera: SimulatedCamera) =>
    new Promise<EncodedLoop>((resolve, reject) => {
      const start = () => {
        running++;
        encodeLoop({
          label: `${camera.code} · ${camera.name}`,
          width: options.width,
          height: options.height,
          fps,
          segmentSeconds: options.segmentSeconds,
          loopSeconds,
          ffmpegPath: options.ffmpegPath,
          cacheDir: options.cacheDir,
          grain: options.grain,
        })
          .then(resolve, reject)
          .finally(() => {
            running--;
            waiting.shift()?.start();
          });
      };
      if (running < slots) start();
      else waiting.push({ code: camera.code, start });
    });
  const loops = new Map([...cameras.values()].map((c) => [c.code, schedule(c)]));
  for (const job of loops.values()) job.catch(() => undefined);
  const loopOf = (code: string): Promise<EncodedLoop> => {
    const i = waiting.findIndex((w) => w.code === code);
    if (i > 0) waiting.unshift(...waiting.splice(i, 1));
    return loops.get(code)!;
  };
  const ready = Promise.all(loops.values()).then(() => undefined);
  ready.catch(() => undefined);

  // Each camera is offset by part of a segment, so a city's cameras do not all roll over at the same instant.
  const phaseMs = (code: string) =>
    crypto.createHash('sha256').update(code).digest().readUInt32BE(0) % segmentMs;
  const newest = (code: string): number =>
    frozenAt.get(code) ?? windowSize - 1 + Math.floor((Date.now() - started + phaseMs(code)) / segmentMs);

  const playlist = (code: string, loop: EncodedLoop, offOrigin: boolean): string => {
    const last = newest(code);
    const first = Math.max(0, last - windowSize + 1);
    const target = Math.ceil(Math.max(...loop.durations));
    const firstStart = started - phaseMs(code) + (first - (windowSize - 1)) * segmentMs;
    const lines = [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      `#EXT-X-TARGETDURATION:${target}`,
      `#EXT-X-MEDIA-SEQUENCE:${first}`,
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(firstStart).toISOString()}`,
    ];
    for (let seq = first; seq <= last; seq++) {
      lines.push(`#EXTINF:${loop.durations[seq % loop.durations.length]!.toFixed(3)},`);
      lines.push(offOrigin ? `${OFF_ORIGIN_HOST}/sim/${code}/${seq}.ts` : `${seq}.ts`);
    }
    return `${lines.join('\n')}\n`;
  };

  const segment = (code: string, loop: EncodedLoop, seq: number): Buffer => {
    const key = `${code}/${seq}`;
    let body = patched.get(key);
    if (!body) {
      const n = loop.segments.length;
      body = shiftSegment(loop.segments[seq % n]!, Math.floor(seq / n), loop.duration90k, loop.packetsPerPid);
      if (patched.size >= PATCHED_CACHE_ENTRIES) patched.delete(patched.keys().next().value!);
      patched.set(key, body);
    }
    return body;
  };

  for (const [code, mode] of faults) if (mode === 'stalled') frozenAt.set(code, newest(code));

  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const m = /^\/sim\/([A-Za-z0-9._-]+)\/(index\.m3u8|master\.m3u8|(\d{1,12})\.ts)$/.exec(path);
    const camera = m && cameras.get(m[1]!);
    if (!m || !camera || req.method !== 'GET') return send(res, 404, 'text/plain', 'not found\n');
    const fault = faults.get(camera.code) ?? 'none';
    if (fault === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (fault === 'not-found') return send(res, 404, 'text/plain', 'not found\n');
    let loop: EncodedLoop;
    try {
      loop = await loopOf(camera.code);
    } catch {
      return send(res, 500, 'text/plain', 'encoding failed\n');
    }
    if (m[2] === 'master.m3u8') {
      const bandwidth = Math.round((loop.segments[0]!.length * 8) / loop.durations[0]!);
      const body = `#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=${bandwidth},RESOLUTION=${options.width}x${options.height}\nindex.m3u8\n`;
      return send(res, 200, 'application/vnd.apple.mpegurl', body);
    }
    if (m[2] === 'index.m3u8') {
      if (fault === 'garbage')
        return send(res, 200, 'text/html', '<html><body>Đăng nhập / Login</body></html>\n');
      return send(
        res,
        200,
        'application/vnd.apple.mpegurl',
        playlist(camera.code, loop, fault === 'off-origin'),
      );
    }
    const seq = Number(m[3]);
    const last = newest(camera.code);
    // Segments stay available well past the RFC 8216 §6.2.2 minimum after leaving the window.
    if (seq > last || seq < last - 2 * windowSize - 2)
      return send(res, 404, 'text/plain', 'no such segment\n');
    if (fault === 'slow') await new Promise((resolve) => setTimeout(resolve, slowMs));
    if (res.destroyed) return;
    send(res, 200, 'video/mp2t', segment(camera.code, loop, seq));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    streamUrl: (code) => `${baseUrl}/sim/${code}/index.m3u8`,
    masterUrl: (code) => `${baseUrl}/sim/${code}/master.m3u8`,
    ready,
    setFault(code, mode) {
      faults.set(code, mode);
      if (mode === 'stalled') frozenAt.set(code, newest(code));
      else frozenAt.delete(code);
    },
    requests: (path) => counts.get(path) ?? 0,
    requestsUnder(prefix) {
      let n = 0;
      for (const [path, count] of counts) if (path.startsWith(prefix)) n += count;
      return n;
    },
    requestCounts: () => new Map(counts),
    newestSequence: newest,
    async close() {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.allSettled(loops.values());
    },
  };
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
