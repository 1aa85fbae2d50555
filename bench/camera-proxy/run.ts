// Camera proxy benchmark (on demand, not in CI): N player-like viewers across C simulated cameras for S seconds,
// first through the camera proxy, then through nginx configured as the usual HLS caching reverse proxy in front
// of the same simulator. Each side runs in its own process; this one only generates load and counts.
//
//   npx tsx bench/camera-proxy/run.ts [--viewers 500] [--cameras 10] [--seconds 60]
//
// A viewer behaves like hls.js: it loads the playlist, starts three segments from the live edge, fetches each
// new segment once, and reloads the playlist a target duration after the previous load began (half of one
// when nothing changed, RFC 8216 §6.3.4). Prints a Markdown table for bench/RESULTS.md.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const VIEWERS = arg('viewers', 500);
const CAMERAS = arg('cameras', 10);
const SECONDS = arg('seconds', 60);
const codes = Array.from({ length: CAMERAS }, (_, i) => `cam-${String(i + 1).padStart(2, '0')}`);

interface Sample {
  ms: number[];
  /** When each request started, in ms since the run began. */
  at: number[];
  failures: number;
  bytes: number;
}
interface RunStats {
  playlist: Sample;
  segment: Sample;
  skipped: number;
  seconds: number;
}

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

function start(cmd: string, args: string[]): Promise<{ child: ChildProcess; info: Record<string, string> }> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      const line = buf.split('\n')[0];
      if (buf.includes('\n') && line) resolve({ child, info: JSON.parse(line) });
    });
    child.on('exit', (code) => reject(new Error(`${cmd} exited with ${code}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** CPU seconds used so far by a process and its children (nginx workers), from /proc. */
function cpuSeconds(pid: number): number {
  const ticks = (p: number) => {
    const f = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(f[11]) + Number(f[12]);
  };
  let total = ticks(pid);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const f = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(f[1]) === pid) total += ticks(Number(entry));
    } catch {
      // gone
    }
  }
  return total / 100;
}

let runStart = 0;

async function timed(url: string, sample: Sample): Promise<string | Buffer | undefined> {
  const t0 = performance.now();
  sample.at.push(t0 - runStart);
  try {
    const res = await fetch(url);
    const body = Buffer.from(await res.arrayBuffer());
    sample.ms.push(performance.now() - t0);
    if (res.status !== 200) {
      sample.failures++;
      return undefined;
    }
    sample.bytes += body.length;
    return body;
  } catch {
    sample.ms.push(performance.now() - t0);
    sample.failures++;
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function viewer(playlistUrl: string, until: number, stats: RunStats): Promise<void> {
  let next = -1;
  while (Date.now() < until) {
    const loadStarted = Date.now();
    const body = await timed(playlistUrl, stats.playlist);
    if (!body) {
      await sleep(1000);
      continue;
    }
    const text = body.toString();
    const target = Number(/#EXT-X-TARGETDURATION:(\d+)/.exec(text)?.[1] ?? 2);
    const sequence = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
    const uris = text.split('\n').filter((l) => l && !l.startsWith('#'));
    const last = sequence + uris.length - 1;
    if (next < 0) next = Math.max(sequence, last - 2);
    if (next < sequence) {
      stats.skipped += sequence - next;
      next = sequence;
    }
    const changed = next <= last;
    for (; next <= last && Date.now() < until; next++) {
      await timed(new URL(uris[next - sequence]!, playlistUrl).toString(), stats.segment);
    }
    await sleep((changed ? target * 1000 : target * 500) - (Date.now() - loadStarted));
  }
}

async function simulatorCounts(statsUrl: string): Promise<Record<string, number>> {
  return (await (await fetch(statsUrl)).json()) as Record<string, number>;
}

async function measure(name: string, urlOf: (code: string) => string, simStats: string, serverPid: number) {
  const before = await simulatorCounts(simStats);
  const cpu0 = cpuSeconds(serverPid);
  const stats: RunStats = {
    playlist: { ms: [], at: [], failures: 0, bytes: 0 },
    segment: { ms: [], at: [], failures: 0, bytes: 0 },
    skipped: 0,
    seconds: SECONDS,
  };
  const t0 = Date.now();
  runStart = performance.now();
  const until = t0 + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: VIEWERS }, (_, i) =>
      // Viewers arrive over the first two seconds, spread over the cameras.
      sleep(Math.random() * 2000).then(() => viewer(urlOf(codes[i % codes.length]!), until, stats)),
    ),
  );
  stats.seconds = (Date.now() - t0) / 1000;
  const cpu = cpuSeconds(serverPid) - cpu0;
  const after = await simulatorCounts(simStats);
  let upstreamSegments = 0;
  let distinctSegments = 0;
  let upstreamPlaylists = 0;
  for (const [p, n] of Object.entries(after)) {
    const delta = n - (before[p] ?? 0);
    if (delta <= 0) continue;
    if (p.endsWith('.ts')) {
      upstreamSegments += delta;
      distinctSegments++;
    } else if (p.endsWith('.m3u8')) upstreamPlaylists += delta;
  }
  return { name, stats, cpu, upstreamSegments, distinctSegments, upstreamPlaylists };
}

/** Latencies of requests started after the first WARMUP_MS (every viewer arrived, caches and JIT warm). */
const WARMUP_MS = 10_000;
const steady = (s: Sample) => s.ms.filter((_, i) => s.at[i]! >= WARMUP_MS);

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
}

const sim = await start(process.execPath, [
  '--import',
  'tsx',
  path.join(here, 'simulator-server.ts'),
  String(CAMERAS),
]);
const simBase = sim.info.baseUrl!;
const proxy = await start(process.execPath, [
  '--import',
  'tsx',
  path.join(here, 'proxy-server.ts'),
  simBase,
  ...codes,
]);
const nginxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-bench-nginx-'));
fs.chmodSync(nginxDir, 0o777);
const nginxPort = await freePort();
fs.writeFileSync(
  path.join(nginxDir, 'nginx.conf'),
  fs
    .readFileSync(path.join(here, 'nginx.conf.template'), 'utf8')
    .replaceAll('{{DIR}}', nginxDir)
    .replaceAll('{{PORT}}', String(nginxPort))
    .replaceAll('{{UPSTREAM}}', new URL(simBase).host),
);
const nginx = spawn('nginx', ['-p', nginxDir, '-c', path.join(nginxDir, 'nginx.conf')], { stdio: 'inherit' });
children.push(nginx);
await sleep(1000);

const results = [];
results.push(
  await measure(
    'camera-proxy',
    (c) => `${proxy.info.baseUrl}/cameras/${c}/index.m3u8`,
    sim.info.stats!,
    proxy.child.pid!,
  ),
);
results.push(
  await measure(
    'nginx',
    (c) => `http://127.0.0.1:${nginxPort}/sim/${c}/index.m3u8`,
    sim.info.stats!,
    nginx.pid!,
  ),
);
const proxyStats = await (await fetch(`${proxy.info.baseUrl}/_stats`)).json();

const rows = results.map((r) => {
  const s = r.stats;
  const requests = s.playlist.ms.length + s.segment.ms.length;
  return {
    name: r.name,
    requests,
    rps: requests / s.seconds,
    mbps: ((s.playlist.bytes + s.segment.bytes) * 8) / s.seconds / 1e6,
    failures: s.playlist.failures + s.segment.failures,
    skipped: s.skipped,
    perSegment: r.upstreamSegments / r.distinctSegments,
    upstreamPlaylists: r.upstreamPlaylists,
    segP50: pct(s.segment.ms, 50),
    segP99: pct(s.segment.ms, 99),
    segP99Steady: pct(steady(s.segment), 99),
    plP99Steady: pct(steady(s.playlist), 99),
    plP50: pct(s.playlist.ms, 50),
    plP99: pct(s.playlist.ms, 99),
    cpu: r.cpu,
  };
});
const f = (n: number, d = 1) => n.toFixed(d);
console.log(
  `\n${VIEWERS} viewers, ${CAMERAS} cameras, ${SECONDS} s each; ${os.cpus().length} CPUs, Node ${process.version}, ` +
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
);
console.log(
  '| | requests | req/s | Mbit/s | failed | skipped segments | upstream fetches per segment | upstream playlist fetches | segment p50 / p99 ms | playlist p50 / p99 ms | p99 after 10 s, segment / playlist ms | server CPU s |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.requests} | ${f(r.rps)} | ${f(r.mbps)} | ${r.failures} | ${r.skipped} | ${f(r.perSegment, 3)} | ${r.upstreamPlaylists} | ${f(r.segP50)} / ${f(r.segP99)} | ${f(r.plP50)} / ${f(r.plP99)} | ${f(r.segP99Steady)} / ${f(r.plP99Steady)} | ${f(r.cpu)} |`,
  );
}
const [p, n] = rows as [(typeof rows)[0], (typeof rows)[0]];
console.log(
  `\nproxy ÷ nginx: throughput ${f(p.rps / n.rps, 2)}×, segment p99 ${f(p.segP99 / n.segP99, 2)}× (after 10 s ${f(p.segP99Steady / n.segP99Steady, 2)}×), playlist p99 ${f(p.plP99 / n.plP99, 2)}× (after 10 s ${f(p.plP99Steady / n.plP99Steady, 2)}×), CPU ${f(p.cpu / n.cpu, 2)}×`,
);
console.log(`proxy cache: ${JSON.stringify(proxyStats)}`);
for (const c of children) c.kill('SIGTERM');
fs.rmSync(nginxDir, { recursive: true, force: true });
process.exit(0);
