// The proxy against a live simulated camera network: only registered cameras, rewritten playlists, one upstream
// fetch per segment however many viewers, every fault a precise status within the time bound, and no SSRF.
import http from 'node:http';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import type { CameraSimulator } from '../src/simulator/camera.simulator.ts';
import {
  setUpstream,
  startProxy,
  startSimulator,
  timedGet,
  type ProxyServer,
} from './support/camera-stack.ts';

const SECRET = 'camera-proxy-test-secret-0123456789abcdef';
const CAMERAS = ['hn-001', 'hn-002', 'hn-003', 'hn-004', 'hn-005', 'hn-006', 'hn-007', 'hn-010'];

let database: TestDatabase;
let sim: CameraSimulator;
let stack: ProxyServer;
/** Hosts the proxy opened connections to, and names it asked to resolve. */
const opened: string[] = [];
const resolved: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startSimulator(
    CAMERAS.map((code) => ({ code })),
    {
      faults: {
        'hn-002': 'not-found',
        'hn-003': 'garbage',
        'hn-004': 'off-origin',
        'hn-005': 'hang',
        'hn-006': 'slow',
      },
    },
  );
  await setUpstream(database, Object.fromEntries(CAMERAS.map((c) => [c, sim.streamUrl(c)])));
  stack = await startProxy({
    database,
    config: { allowedOrigins: [sim.baseUrl, 'http://127.0.0.1:9'], authSecret: SECRET },
    resolve: async (name) => {
      resolved.push(name);
      const answers: Record<string, string[]> = {
        'metadata.internal': ['169.254.169.254'],
        localhost: ['127.0.0.1'],
      };
      if (answers[name]) return answers[name]!;
      throw new Error('ENOTFOUND');
    },
    request: (o) => {
      opened.push(`${o.hostname}:${o.port ?? ''}`);
      return http.request(o);
    },
  });
});

afterAll(async () => {
  await stack?.close();
  await sim?.close();
  await database?.drop();
});

const get = (path: string, init?: RequestInit) => timedGet(`${stack.base}/${path}`, init);
const json = (body: Buffer) => JSON.parse(body.toString()) as Record<string, unknown>;

async function tokenFor(role: string): Promise<string> {
  const user = await database.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', role as 'citizen')
    .executeTakeFirstOrThrow();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(String(user.id))
    .setIssuer('ioc-gis-api')
    .setAudience('ioc')
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(new TextEncoder().encode(SECRET));
}

describe('what may be watched', () => {
  it('answers 404 with the id for a camera that is not registered', async () => {
    const { res, body } = await get('no-such-camera/index.m3u8');
    expect(res.status).toBe(404);
    expect(json(body)).toEqual({ error: 'No camera "no-such-camera"' });
  });

  it('answers 503 with the camera name when no stream is registered', async () => {
    const cam = await database.db
      .selectFrom('cameras')
      .select(['id', 'name'])
      .where('code', '=', 'hn-008')
      .executeTakeFirstOrThrow();
    const { res, body } = await get(`${cam.id}/index.m3u8`);
    expect(res.status).toBe(503);
    expect(json(body)).toMatchObject({
      reason: 'no_stream',
      error: `Camera "${cam.name}" has no stream registered`,
    });
  });

  it('hides private cameras from the public and citizens, and shows them to staff', async () => {
    expect((await get('hn-010/index.m3u8')).res.status).toBe(404);
    const citizen = await tokenFor('citizen');
    expect(
      (await get('hn-010/index.m3u8', { headers: { authorization: `Bearer ${citizen}` } })).res.status,
    ).toBe(404);
    const operator = await tokenFor('operator');
    const staff = await get('hn-010/index.m3u8', { headers: { authorization: `Bearer ${operator}` } });
    expect(staff.res.status).toBe(200);
    expect(staff.res.headers.get('cache-control')).toMatch(/^private/);
    const segment = staff.body.toString().trim().split('\n').at(-1)!;
    expect((await get(`hn-010/${segment}`)).res.status).toBe(404);
    expect(
      (await get(`hn-010/${segment}`, { headers: { authorization: `Bearer ${operator}` } })).res.status,
    ).toBe(200);
  });

  it('answers 401 to a token that is not valid rather than quietly showing less', async () => {
    const { res } = await get('hn-001/index.m3u8', { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
  });
});

describe('playlists and segments', () => {
  it('serves the live playlist with every URI pointing back at the proxy', async () => {
    const { res, body } = await get('hn-001/index.m3u8');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const text = body.toString();
    expect(text).toMatch(/^#EXTM3U\n/);
    expect(text).toContain('#EXT-X-TARGETDURATION:1');
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain('/sim/');
    const uris = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(uris).toHaveLength(5);
    for (const uri of uris) expect(uri).toMatch(/^s-[A-Za-z0-9_-]{22}\.ts$/);
    const seg = await get(`hn-001/${uris.at(-1)}`);
    expect(seg.res.status).toBe(200);
    expect(seg.res.headers.get('content-type')).toBe('video/mp2t');
    expect(seg.body[0]).toBe(0x47);
  });

  it('fetches a segment once from the camera however many viewers ask for it at once', async () => {
    const text = (await get('hn-001/index.m3u8')).body.toString();
    const sequence = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)![1]);
    const uris = text.split('\n').filter((l) => l && !l.startsWith('#'));
    const upstreamPath = `/sim/hn-001/${sequence + uris.length - 1}.ts`;
    const before = sim.requests(upstreamPath);
    const answers = await Promise.all(Array.from({ length: 50 }, () => get(`hn-001/${uris.at(-1)}`)));
    expect(answers.map((a) => a.res.status)).toEqual(Array(50).fill(200));
    expect(new Set(answers.map((a) => a.body.toString('base64'))).size).toBe(1);
    expect(sim.requests(upstreamPath) - before).toBeLessThanOrEqual(1);
    expect(sim.requests(upstreamPath)).toBe(1);
  });

  it('fetches the playlist once for many viewers and again about every half target duration', async () => {
    const before = sim.requests('/sim/hn-007/index.m3u8');
    await Promise.all(Array.from({ length: 50 }, () => get('hn-007/index.m3u8')));
    expect(sim.requests('/sim/hn-007/index.m3u8') - before).toBe(1);
    const t0 = Date.now();
    while (Date.now() - t0 < 1500) {
      await get('hn-007/index.m3u8');
      await new Promise((r) => setTimeout(r, 20));
    }
    // 1 s target duration → a fresh playlist every ~0.5 s.
    const fetched = sim.requests('/sim/hn-007/index.m3u8') - before;
    expect(fetched).toBeGreaterThanOrEqual(3);
    expect(fetched).toBeLessThanOrEqual(5);
  });

  it('answers 404 for a name no playlist gave out, and never takes a URL from the request', async () => {
    expect((await get('hn-001/s-AAAAAAAAAAAAAAAAAAAAAA.ts')).res.status).toBe(404);
    expect((await get('hn-001/http%3A%2F%2F169.254.169.254%2F')).res.status).toBe(404);
    expect((await get('hn-001/..%2F..%2Fetc%2Fpasswd')).res.status).toBe(404);
    const { res } = await get(
      'hn-001/index.m3u8?url=http://169.254.169.254/&upstream=http://metadata.internal/',
    );
    expect(res.status).toBe(200);
    expect(opened.filter((h) => !h.startsWith('127.0.0.1'))).toEqual([]);
    expect(resolved).toEqual([]);
  });
});

describe('faults', () => {
  it('a camera answering 404 is a 503 naming the upstream status', async () => {
    const { res, body } = await get('hn-002/index.m3u8');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(json(body)).toMatchObject({ camera: 'hn-002', reason: 'http_status', upstreamStatus: 404 });
  });

  it('a camera answering something that is not a playlist is a 503 invalid_playlist', async () => {
    const { res, body } = await get('hn-003/index.m3u8');
    expect(res.status).toBe(503);
    expect(json(body)).toMatchObject({ reason: 'invalid_playlist' });
  });

  it('a playlist pointing off the camera origin is refused without contacting that host', async () => {
    const { res, body } = await get('hn-004/index.m3u8');
    expect(res.status).toBe(503);
    expect(json(body)).toMatchObject({ reason: 'refused' });
    expect(json(body).error).not.toContain('203.0.113');
    expect(opened.some((h) => h.startsWith('203.0.113.7'))).toBe(false);
  });

  it('a dead camera, and a camera with too slow segments, answer 503 within 2 s while the others carry on', async () => {
    const playlist = await get('hn-006/index.m3u8');
    expect(playlist.res.status).toBe(200);
    const slowSegment = playlist.body.toString().trim().split('\n').at(-1)!;
    const [dead, slow, alive] = await Promise.all([
      get('hn-005/index.m3u8'),
      get(`hn-006/${slowSegment}`),
      new Promise((r) => setTimeout(r, 300)).then(() => get('hn-001/index.m3u8')),
    ]);
    for (const failed of [dead, slow]) {
      expect(failed.res.status).toBe(503);
      expect(json(failed.body)).toMatchObject({ reason: 'timeout' });
      expect(failed.ms).toBeLessThan(2000);
      expect(failed.ms).toBeGreaterThan(1500);
    }
    expect(alive.res.status).toBe(200);
    expect(alive.ms).toBeLessThan(500);
    // The failure is remembered briefly: the next viewer is told at once instead of waiting again.
    const again = await get('hn-005/index.m3u8');
    expect(again.res.status).toBe(503);
    expect(again.ms).toBeLessThan(200);
  });

  it('a camera refusing connections is a 503 unreachable at once', async () => {
    await setUpstream(database, { 'hn-011': 'http://127.0.0.1:9/live.m3u8' });
    const { res, body, ms } = await get('hn-011/index.m3u8');
    expect(res.status).toBe(503);
    expect(json(body)).toMatchObject({ reason: 'unreachable' });
    expect(ms).toBeLessThan(1000);
  });
});

describe('SSRF', () => {
  it.each([
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['a private address', 'http://10.0.0.1/live.m3u8'],
    ['loopback beyond the allowed origin', 'http://127.0.0.1:5432/'],
    ['IPv6 loopback', 'http://[::1]:8080/index.m3u8'],
    ['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]:8080/index.m3u8'],
    ['loopback as one number', 'http://2130706433:8080/index.m3u8'],
    ['a name resolving to metadata', 'http://metadata.internal/latest'],
    ['a name resolving to loopback', 'http://localhost:8080/index.m3u8'],
  ])('refuses a camera registered at %s before connecting', async (_what, url) => {
    await setUpstream(database, { 'hn-012': url });
    stack.proxy.forgetCameras();
    const before = opened.length;
    const { res, body } = await get('hn-012/index.m3u8');
    expect(res.status).toBe(503);
    expect(json(body)).toMatchObject({ reason: 'refused' });
    expect(json(body).error).not.toContain(new URL(url).hostname);
    expect(opened.length).toBe(before);
  });
});
