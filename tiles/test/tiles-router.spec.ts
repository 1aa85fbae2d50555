// The tiles HTTP routes over real HTTP with a fake tile source: status codes, validators, gzip, coalescing,
// style and TileJSON links from the request's host, glyphs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readTilesConfig } from '../src/config.ts';
import { encodeMvt } from '../src/mvt.encoder.ts';
import { Glyphs } from '../src/glyphs.ts';
import type { TileLayer } from '../src/layers.ts';
import type { Bbox, TileAddress } from '../src/tile-address.ts';
import type { TileQuery, TileSource } from '../src/tile.repository.ts';
import { TileService } from '../src/tile.service.ts';
import { createRouter } from '../src/tiles.router.ts';
import { serveTiles, type TestServer } from './support/http-server.ts';
import { decodeTile } from './support/mvt-decode.ts';
import { validateTileJson } from './support/tilejson-schema.ts';

class FakeSource implements TileSource {
  renders: string[] = [];
  failing = false;
  delayMs = 0;
  async render(layer: TileLayer, { z, x, y }: TileAddress, query: TileQuery): Promise<Uint8Array> {
    this.renders.push(`${layer.name}/${z}/${x}/${y}?${new URLSearchParams(query)}`);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failing) throw new Error('connection refused');
    if (z === 0) return new Uint8Array(); // an empty tile
    const features = Array.from({ length: 50 }, (_, i) => ({
      id: i + 1,
      properties: { id: i + 1, kind: query.kind ?? 'school', name: `Trường ${i}` },
      geometry: { type: 'Point' as const, coordinates: [i * 10, i * 20] },
    }));
    return encodeMvt([{ name: layer.name, features }]);
  }
  async bounds(): Promise<Bbox | undefined> {
    if (this.failing) throw new Error('connection refused');
    return [105.28, 20.56, 106.02, 21.39];
  }
}

const config = readTilesConfig({});
const source = new FakeSource();
const logged: string[] = [];
let server: TestServer;
let publicServer: TestServer;

beforeAll(async () => {
  const make = (publicUrl?: string) =>
    createRouter({
      service: new TileService(source, config),
      glyphs: new Glyphs(config.glyphsDir),
      config: { ...config, publicUrl },
      log: (m) => logged.push(m),
    });
  server = await serveTiles(make());
  publicServer = await serveTiles(make('https://ioc.example.vn/ban-do/tiles'));
});

afterAll(async () => {
  await server?.close();
  await publicServer?.close();
});

beforeEach(() => {
  source.renders = [];
  source.failing = false;
  source.delayMs = 0;
});

describe('GET /tiles/{layer}/{z}/{x}/{y}.mvt', () => {
  it('answers an MVT with a strong ETag and public max-age, then serves the same tile from the cache', async () => {
    const first = await fetch(`${server.url}/facilities/12/3252/1803.mvt`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(first.headers.get('cache-control')).toBe('public, max-age=30');
    expect(first.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('x-tile-cache')).toBe('miss');
    expect(decodeTile(new Uint8Array(await first.arrayBuffer())).facilities!.features).toHaveLength(50);

    const second = await fetch(`${server.url}/facilities/12/3252/1803.mvt`);
    expect(second.headers.get('x-tile-cache')).toBe('hit');
    expect(source.renders).toEqual(['facilities/12/3252/1803?']);
  });

  it('static layers get the long max-age', async () => {
    const res = await fetch(`${server.url}/basemap/12/3252/1803.mvt`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('gzips for clients that accept it and sends identity to those that do not', async () => {
    const zipped = await fetch(`${server.url}/facilities/13/6504/3606.mvt`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    expect(zipped.headers.get('etag')).toMatch(/-gz"$/);
    const plain = await fetch(`${server.url}/facilities/13/6504/3606.mvt`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    // fetch inflates the gzip body: both decode to the same tile
    expect(Buffer.from(await zipped.arrayBuffer()).equals(Buffer.from(await plain.arrayBuffer()))).toBe(true);
  });

  it('answers 304 to If-None-Match with the tag of either encoding', async () => {
    const url = `${server.url}/facilities/14/13009/7212.mvt`;
    const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    const zipped = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    for (const tag of [
      plain.headers.get('etag')!,
      zipped.headers.get('etag')!,
      `W/${plain.headers.get('etag')}`,
    ]) {
      const again = await fetch(url, { headers: { 'if-none-match': tag } });
      expect(again.status, tag).toBe(304);
    }
    expect((await fetch(url, { headers: { 'if-none-match': '"something-else"' } })).status).toBe(200);
  });

  it('answers 204 with cache headers for a tile without features', async () => {
    const res = await fetch(`${server.url}/facilities/0/0/0.mvt`);
    expect(res.status).toBe(204);
    expect(res.headers.get('cache-control')).toBe('public, max-age=30');
    expect(res.headers.get('etag')).toBeTruthy();
  });

  it('renders concurrent requests for the same missing tile once', async () => {
    source.delayMs = 50;
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => fetch(`${server.url}/facilities/15/26018/14424.mvt`)),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(source.renders).toHaveLength(1);
    expect(responses.map((r) => r.headers.get('x-tile-cache')).sort()).toEqual([
      'coalesced',
      'coalesced',
      'coalesced',
      'coalesced',
      'miss',
    ]);
  });

  it('answers 503 JSON when the database fails, caches nothing, and serves the tile once it recovers', async () => {
    source.failing = true;
    const res = await fetch(`${server.url}/reports/12/3252/1803.mvt`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ error: expect.stringMatching(/database/) });
    expect(logged.some((l) => l.includes('reports/12/3252/1803'))).toBe(true);
    source.failing = false;
    expect((await fetch(`${server.url}/reports/12/3252/1803.mvt`)).status).toBe(200);
  });

  it('answers 400 naming the coordinate for z, x or y out of range or not a number', async () => {
    const cases: Array<[string, RegExp]> = [
      ['facilities/23/0/0.mvt', /^z must be an integer from 0 to 22/],
      ['facilities/abc/0/0.mvt', /^z must be/],
      ['facilities/3/8/0.mvt', /^x must be an integer from 0 to 7 at zoom 3/],
      ['facilities/3/0/-1.mvt', /^y must be/],
      ['facilities/3/0/1.5.mvt', /^y must be/],
    ];
    for (const [path, message] of cases) {
      const res = await fetch(`${server.url}/${path}`);
      expect(res.status, path).toBe(400);
      expect((await res.json()) as { error: string }).toEqual({ error: expect.stringMatching(message) });
    }
    expect(source.renders).toEqual([]);
  });

  it('answers 400 for a filter value the layer does not allow, and passes allowed ones to the source', async () => {
    const bad = await fetch(`${server.url}/facilities/12/3252/1803.mvt?kind=casino`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/"kind"/);
    const ok = await fetch(`${server.url}/facilities/12/3252/1803.mvt?kind=hospital&v=2`);
    expect(ok.status).toBe(200);
    expect(source.renders).toEqual(['facilities/12/3252/1803?kind=hospital']);
  });

  it('answers 404 listing the layers for an unknown layer', async () => {
    const res = await fetch(`${server.url}/schools/12/3252/1803.mvt`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: 'unknown layer "schools"',
      layers: ['admin_units', 'facilities', 'cameras', 'reports', 'alerts', 'basemap'],
    });
  });

  it('answers 404 JSON listing the routes for anything else under /tiles', async () => {
    const res = await fetch(`${server.url}/facilities/12/3252/1803.png`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { routes: string[] }).routes).toContain('/{layer}/{z}/{x}/{y}.mvt');
  });
});

describe('GET /tiles/style.json and /tiles/{layer}.json', () => {
  it('builds absolute links from X-Forwarded-Proto and X-Forwarded-Host', async () => {
    const res = await fetch(`${server.url}/style.json`, {
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'ioc.hanoi.gov.vn, proxy.internal' },
    });
    expect(res.status).toBe(200);
    const style = (await res.json()) as { glyphs: string; sources: { basemap: { tiles: string[] } } };
    expect(style.glyphs).toBe('https://ioc.hanoi.gov.vn/tiles/fonts/{fontstack}/{range}.pbf');
    expect(style.sources.basemap.tiles).toEqual(['https://ioc.hanoi.gov.vn/tiles/basemap/{z}/{x}/{y}.mvt']);
    expect(res.headers.get('vary')).toMatch(/X-Forwarded-Host/);
  });

  it('uses the request Host without forwarding headers, and the configured public URL when set', async () => {
    const direct = (await (await fetch(`${server.url}/style.json`)).json()) as { glyphs: string };
    expect(direct.glyphs).toBe(`${server.url}/fonts/{fontstack}/{range}.pbf`);
    const configured = (await (
      await fetch(`${publicServer.url}/style.json`, { headers: { 'x-forwarded-host': 'evil.example' } })
    ).json()) as { glyphs: string };
    expect(configured.glyphs).toBe('https://ioc.example.vn/ban-do/tiles/fonts/{fontstack}/{range}.pbf');
  });

  it('ignores a forwarded host that is not a host name', async () => {
    const res = await fetch(`${server.url}/style.json`, { headers: { 'x-forwarded-host': 'a b/"c' } });
    expect(((await res.json()) as { glyphs: string }).glyphs).toBe(
      `${server.url}/fonts/{fontstack}/{range}.pbf`,
    );
  });

  it('gives the dark theme for ?theme=dark and 400 for an unknown theme', async () => {
    const dark = (await (await fetch(`${server.url}/style.json?theme=dark`)).json()) as { metadata: unknown };
    expect(dark.metadata).toEqual({ 'ioc:theme': 'dark' });
    const bad = await fetch(`${server.url}/style.json?theme=neon`);
    expect(bad.status).toBe(400);
  });

  it('serves valid TileJSON 3.0.0 with the layer extent, and 404 for an unknown layer', async () => {
    const res = await fetch(`${server.url}/facilities.json`);
    const doc = await res.json();
    expect(validateTileJson(doc), JSON.stringify(validateTileJson.errors)).toBe(true);
    expect(doc).toMatchObject({
      bounds: [105.28, 20.56, 106.02, 21.39],
      tiles: [`${server.url}/facilities/{z}/{x}/{y}.mvt`],
    });
    expect((await fetch(`${server.url}/nothing.json`)).status).toBe(404);
  });

  it('answers 503 for TileJSON when the extent cannot be read', async () => {
    source.failing = true;
    expect((await fetch(`${server.url}/cameras.json`)).status).toBe(503);
  });
});

describe('GET /tiles/fonts/{fontstack}/{range}.pbf', () => {
  it('serves SDF glyphs for each Noto Sans font, Vietnamese range included', async () => {
    for (const font of ['Noto Sans Regular', 'Noto Sans Medium', 'Noto Sans Italic']) {
      // U+1E00–U+1EFF (Latin Extended Additional) holds ạ ả ấ ầ ẩ ẫ ậ … ỹ
      const res = await fetch(`${server.url}/fonts/${encodeURIComponent(font)}/7680-7935.pbf`);
      expect(res.status, font).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/x-protobuf');
      expect(res.headers.get('cache-control')).toMatch(/max-age=604800/);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('takes the first available font of a comma-separated stack', async () => {
    const res = await fetch(
      `${server.url}/fonts/${encodeURIComponent('Arial Unicode MS Bold,Noto Sans Medium')}/0-255.pbf`,
    );
    expect(res.status).toBe(200);
  });

  it('refuses path traversal, odd ranges and unknown fonts with JSON errors', async () => {
    const traversal = await fetch(`${server.url}/fonts/${encodeURIComponent('../../../etc')}/0-255.pbf`);
    expect(traversal.status).toBe(400);
    expect((await fetch(`${server.url}/fonts/Noto%20Sans%20Regular/0-256.pbf`)).status).toBe(400);
    expect((await fetch(`${server.url}/fonts/Noto%20Sans%20Regular/..%2F0-255.pbf`)).status).toBe(400);
    const unknown = await fetch(`${server.url}/fonts/Comic%20Sans/0-255.pbf`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { fonts: string[] }).fonts).toEqual([
      'Noto Sans Italic',
      'Noto Sans Medium',
      'Noto Sans Regular',
    ]);
  });
});
