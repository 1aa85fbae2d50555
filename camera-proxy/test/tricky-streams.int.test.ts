// Real ffmpeg-made streams of every awkward shape — fMP4 with an init section, one file cut by byte ranges,
// AES-128 with a key behind a query token, segments that need their query string, a master playlist mixing
// relative and absolute variant URIs, a same-origin redirect — decode through the proxy frame for frame as
// they do straight from the origin; off-origin redirects and oversized playlists are refused.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { run, setUpstream, startProxy, timedGet, type ProxyServer } from './support/camera-stack.ts';

const KEY = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const FRAMES = 20; // 2 s at 10 fps

let dir: string;
let origin: string;
let server: http.Server;
let database: TestDatabase;
let stack: ProxyServer;
const seen: { path: string; range?: string }[] = [];
const opened: string[] = [];

/** Encodes the same 2 s clip into one HLS shape under dir/name. */
async function encode(name: string, args: string[]): Promise<void> {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  const out = await run('ffmpeg', [
    ...[
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostdin',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=160x90:rate=10',
    ],
    ...[
      '-t',
      '2',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-g',
      '10',
      '-sc_threshold',
      '0',
    ],
    ...['-f', 'hls', '-hls_time', '1', '-hls_list_size', '0', '-hls_playlist_type', 'vod'],
    ...args,
    path.join(dir, name, 'index.m3u8'),
  ]);
  if (out.code !== 0) throw new Error(`ffmpeg failed for ${name}: ${out.stderr}`);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-tricky-hls-'));
  fs.writeFileSync(path.join(dir, 'clip.key'), KEY);
  fs.writeFileSync(
    path.join(dir, 'keyinfo'),
    `../keys/clip.key?token=s3cret\n${path.join(dir, 'clip.key')}\n`,
  );
  await Promise.all([
    encode('fmp4', ['-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4']),
    encode('single', ['-hls_flags', 'single_file']),
    encode('aes', ['-hls_key_info_file', path.join(dir, 'keyinfo')]),
  ]);
  // Segments of the encrypted stream also need a signature in their query string.
  const aes = path.join(dir, 'aes', 'index.m3u8');
  fs.writeFileSync(aes, fs.readFileSync(aes, 'utf8').replace(/^(index\d+\.ts)$/gm, '$1?sig=a%2Fb'));

  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({ path: `${url.pathname}${url.search}`, range: req.headers.range });
    if (url.pathname === '/redirect/index.m3u8') {
      res.writeHead(302, { location: '/tricky/aes/index.m3u8' }).end();
      return;
    }
    if (url.pathname === '/evil-redirect.m3u8') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      return;
    }
    if (url.pathname === '/huge.m3u8') {
      res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' });
      res.end(`#EXTM3U\n${'#EXT-X-COMMENT-PADDING\n'.repeat(100_000)}`);
      return;
    }
    if (url.pathname === '/tricky/master.m3u8') {
      res.end(
        [
          '#EXTM3U',
          '#EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=160x90',
          `${origin}/tricky/fmp4/index.m3u8`,
          '#EXT-X-STREAM-INF:BANDWIDTH=200000,RESOLUTION=160x90',
          'single/index.m3u8?variant=low',
          '',
        ].join('\n'),
      );
      return;
    }
    if (url.pathname === '/tricky/keys/clip.key' && url.searchParams.get('token') !== 's3cret') {
      res.writeHead(403).end();
      return;
    }
    if (/^\/tricky\/aes\/.*\.ts$/.test(url.pathname) && url.searchParams.get('sig') !== 'a/b') {
      res.writeHead(403).end();
      return;
    }
    const file = path.join(dir, url.pathname.replace(/^\/tricky\//, '').replace(/^keys\//, ''));
    if (!url.pathname.startsWith('/tricky/') || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    const body = fs.readFileSync(file);
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (m) {
      const [start, end] = [Number(m[1]), Math.min(Number(m[2]), body.length - 1)];
      res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${body.length}` });
      res.end(body.subarray(start, end + 1));
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  database = await createTestDatabase();
  await setUpstream(database, {
    'hn-013': `${origin}/tricky/fmp4/index.m3u8`,
    'hn-014': `${origin}/tricky/single/index.m3u8`,
    'hn-015': `${origin}/tricky/aes/index.m3u8`,
    'hn-016': `${origin}/tricky/master.m3u8`,
    'hn-017': `${origin}/redirect/index.m3u8`,
    'hn-018': `${origin}/evil-redirect.m3u8`,
    'hn-019': `${origin}/huge.m3u8`,
  });
  stack = await startProxy({
    database,
    config: { allowedOrigins: [origin] },
    request: (o) => {
      opened.push(String(o.hostname));
      return http.request(o);
    },
  });
}, 60_000);

afterAll(async () => {
  await stack?.close();
  server?.close();
  await database?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Frames ffprobe decodes from a playlist URL (-1 when it fails). */
async function framesOf(url: string): Promise<number> {
  const out = await run('ffprobe', [
    ...['-v', 'error', '-count_frames', '-select_streams', 'v:0'],
    ...['-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', url],
  ]);
  return out.code === 0 ? Number(out.stdout.trim().split('\n')[0]) : -1;
}

describe('awkward streams through the proxy', () => {
  it.each([
    ['fMP4 with an init section (EXT-X-MAP)', 'hn-013', 'fmp4/index.m3u8'],
    ['one file cut by EXT-X-BYTERANGE', 'hn-014', 'single/index.m3u8'],
    ['AES-128 with the key and segments behind query strings', 'hn-015', 'aes/index.m3u8'],
    ['a master playlist of absolute and relative variants', 'hn-016', 'master.m3u8'],
  ])('plays %s frame for frame', async (_what, camera, direct) => {
    expect(await framesOf(`${origin}/tricky/${direct}`)).toBe(FRAMES);
    expect(await framesOf(`${stack.base}/${camera}/index.m3u8`)).toBe(FRAMES);
  });

  it('sends byte ranges upstream as ranges and keeps queries byte for byte', () => {
    expect(seen.some((s) => s.path === '/tricky/single/index.ts' && s.range?.startsWith('bytes='))).toBe(
      true,
    );
    expect(seen.some((s) => s.path === '/tricky/keys/clip.key?token=s3cret')).toBe(true);
    expect(seen.some((s) => /^\/tricky\/aes\/index\d\.ts\?sig=a%2Fb$/.test(s.path))).toBe(true);
    expect(seen.some((s) => s.path === '/tricky/single/index.m3u8?variant=low')).toBe(true);
  });

  it('rewrites keys, maps and variants so that no upstream URL reaches the viewer', async () => {
    for (const camera of ['hn-013', 'hn-014', 'hn-015', 'hn-016']) {
      const text = (await timedGet(`${stack.base}/${camera}/index.m3u8`)).body.toString();
      expect(text).not.toContain('127.0.0.1');
      expect(text).not.toContain('token=');
      expect(text).not.toContain('BYTERANGE');
    }
  });

  it('follows a redirect within the camera origin, resolving URIs against where it landed', async () => {
    expect(await framesOf(`${stack.base}/hn-017/index.m3u8`)).toBe(FRAMES);
  });

  it('refuses a redirect off the camera origin without following it', async () => {
    const { res, body } = await timedGet(`${stack.base}/hn-018/index.m3u8`);
    expect(res.status).toBe(503);
    expect(JSON.parse(body.toString())).toMatchObject({ reason: 'refused' });
    expect(opened).not.toContain('169.254.169.254');
  });

  it('refuses a playlist larger than the bound', async () => {
    const { res, body } = await timedGet(`${stack.base}/hn-019/index.m3u8`);
    expect(res.status).toBe(503);
    expect(JSON.parse(body.toString())).toMatchObject({ reason: 'too_large' });
  });

  it('takes a snapshot from fMP4 (init section + newest segment)', async () => {
    const { res, body } = await timedGet(`${stack.base}/hn-013/snapshot.jpg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(body.subarray(0, 2).toString('hex')).toBe('ffd8');
  });

  it('refuses a snapshot of an encrypted stream with a reason', async () => {
    const { res, body } = await timedGet(`${stack.base}/hn-015/snapshot.jpg`);
    expect(res.status).toBe(503);
    expect(JSON.parse(body.toString())).toMatchObject({ reason: 'snapshot_failed' });
  });
});
