// Every tile layer over real HTTP against the seeded Hà Nội data, in both engines (PostGIS encodes with
// ST_AsMVT; embedded PGlite encodes in JS): contract properties at Hoàn Kiếm, what must stay out of a
// tile, TileJSON and the style, and a 503 when the database is gone.
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTilesRouter, readTilesConfig, type TilesRouter } from '../src/index.ts';
import { LAYER_NAMES, TILE_LAYERS } from '../src/layers.ts';
import { tileAt } from '../src/tile-address.ts';
import { HOAN_KIEM, insertLiveFixtures, type LiveFixtures } from './support/live-fixtures.ts';
import { serveTiles, type TestServer } from './support/http-server.ts';
import { decodeTile, signedArea, type DecodedFeature, type DecodedLayer } from './support/mvt-decode.ts';
import { validateTileJson } from './support/tilejson-schema.ts';

let database: TestDatabase;
let tiles: TilesRouter;
let server: TestServer;
let fixtures: LiveFixtures;
const errors: string[] = [];

// The z12 tile over Hồ Hoàn Kiếm: 3252/1803.
const T12 = tileAt(HOAN_KIEM.lon, HOAN_KIEM.lat, 12);
const T15 = tileAt(HOAN_KIEM.lon, HOAN_KIEM.lat, 15);

beforeAll(async () => {
  database = await createTestDatabase();
  fixtures = await insertLiveFixtures(database.db);
  tiles = createTilesRouter({
    database,
    config: readTilesConfig({ TILE_CACHE_MB: '16' }),
    log: (m, err) => errors.push(`${m}: ${String(err)}`),
  });
  server = await serveTiles(tiles.router);
});

afterAll(async () => {
  await server?.close();
  await tiles?.close();
  await database?.drop();
});

async function getTile(path: string): Promise<Record<string, DecodedLayer>> {
  const res = await fetch(`${server.url}/${path}`);
  expect(res.status, `${path}: ${res.status} ${res.status >= 400 ? await res.text() : ''}`).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
  return decodeTile(new Uint8Array(await res.arrayBuffer()));
}

const at = (t: { z: number; x: number; y: number }, layer: string, query = '') =>
  `${layer}/${t.z}/${t.x}/${t.y}.mvt${query}`;

function expectContract(layerName: string, mvtLayer: string, features: DecodedFeature[]): void {
  const fields = TILE_LAYERS[layerName as keyof typeof TILE_LAYERS].vectorLayers.find(
    (v) => v.id === mvtLayer,
  )!.fields;
  for (const f of features) {
    for (const [k, v] of Object.entries(f.properties)) {
      expect(Object.keys(fields), `${mvtLayer}.${k}`).toContain(k);
      expect(typeof v, `${mvtLayer}.${k}`).toBe(fields[k]!.toLowerCase());
    }
  }
}

describe('layers at Hoàn Kiếm (z12)', () => {
  it('admin_units carries Quận Hoàn Kiếm with its code, names, level and kind, and the feature id is the unit id', async () => {
    const tile = await getTile(at(T12, 'admin_units'));
    expect(Object.keys(tile)).toEqual(['admin_units']);
    const layer = tile.admin_units!;
    expect(layer).toMatchObject({ version: 2, extent: 4096 });
    const hk = layer.features.find((f) => f.properties.name === 'Quận Hoàn Kiếm');
    expect(hk?.properties).toEqual({
      id: expect.any(Number),
      code: '002',
      name: 'Quận Hoàn Kiếm',
      name_en: 'Hoan Kiem',
      level: 2,
      kind: 'urban_district',
    });
    expect(hk!.id).toBe(hk!.properties.id);
    expect(hk!.type).toBe(3);
    // MVT 2.1: the exterior ring has positive area in tile coordinates
    expect(signedArea(hk!.rings[0]!)).toBeGreaterThan(0);
    expect(layer.features.some((f) => f.properties.code === 'VN-HN' && f.properties.level === 1)).toBe(true);
    expectContract('admin_units', 'admin_units', layer.features);
  });

  it('admin_units below zoom 8 has provinces only', async () => {
    const tile = await getTile(at(tileAt(HOAN_KIEM.lon, HOAN_KIEM.lat, 6), 'admin_units'));
    const levels = new Set(tile.admin_units!.features.map((f) => f.properties.level));
    expect([...levels]).toEqual([1]);
  });

  it('facilities carries the schools and clinics in the tile with id, kind, name, address and phone', async () => {
    const inTile = await sql<{ id: number; kind: string; name: string }>`
      select id, kind::text as kind, name from facilities
      where geom && ST_Transform(ST_TileEnvelope(${T12.z}, ${T12.x}, ${T12.y}), 4326) order by id`.execute(
      database.db,
    );
    expect(inTile.rows.length).toBeGreaterThan(20);
    const tile = await getTile(at(T12, 'facilities'));
    const byId = new Map(tile.facilities!.features.map((f) => [f.id, f]));
    for (const row of inTile.rows) {
      expect(byId.get(row.id)?.properties, String(row.id)).toMatchObject({
        id: row.id,
        kind: row.kind,
        name: row.name,
      });
    }
    expect(tile.facilities!.features.every((f) => f.type === 1)).toBe(true);
    expectContract('facilities', 'facilities', tile.facilities!.features);
  });

  it('facilities narrows to one kind with ?kind=hospital', async () => {
    const tile = await getTile(at(T12, 'facilities', '?kind=hospital'));
    const kinds = new Set(tile.facilities!.features.map((f) => f.properties.kind));
    expect([...kinds]).toEqual(['hospital']);
  });

  it('cameras carries public cameras with code, name and status, and never a private one', async () => {
    const tile = await getTile(at(T15, 'cameras'));
    const ids = tile.cameras!.features.map((f) => f.id);
    expect(ids).toContain(fixtures.cameras.public);
    expect(ids).not.toContain(fixtures.cameras.private);
    expect(tile.cameras!.features.find((f) => f.id === fixtures.cameras.public)!.properties).toEqual({
      id: fixtures.cameras.public,
      code: 'test-public',
      name: 'Camera test-public',
      status: 'online',
    });
    const z12 = await getTile(at(T12, 'cameras'));
    expect(z12.cameras!.features.length).toBeGreaterThan(1);
    expectContract('cameras', 'cameras', z12.cameras!.features);
  });

  it('reports carries an open report with category, status and ISO time, no personal data, no duplicates or rejected', async () => {
    const tile = await getTile(at(T12, 'reports'));
    const features = tile.reports!.features;
    expect(features.map((f) => String(f.id))).toEqual([fixtures.reports.open]);
    const category = await sql<{ code: string }>`select code from categories order by id limit 1`.execute(
      database.db,
    );
    expect(features[0]!.properties).toEqual({
      id: Number(fixtures.reports.open),
      category_code: category.rows[0]!.code,
      status: 'new',
      created_at: '2025-11-20T08:30:00Z',
    });
    const everything = JSON.stringify(features);
    for (const secret of ['0912', 'Nguyễn', 'example.vn', 'Hàng Khay'])
      expect(everything).not.toContain(secret);
    expectContract('reports', 'reports', features);
  });

  it('alerts carries only the active actual alert, with event, severity, urgency and headline', async () => {
    const tile = await getTile(at(T12, 'alerts'));
    const features = tile.alerts!.features;
    expect(features.map((f) => f.properties.id)).toEqual([fixtures.alerts.active]);
    expect(features[0]!.properties).toEqual({
      id: fixtures.alerts.active,
      event: 'Ngập lụt',
      severity: 'Severe',
      urgency: 'Immediate',
      headline: 'Ngập sâu quanh Hồ Gươm',
    });
    expect(features[0]!.type).toBe(3);
  });

  it('basemap has land, water, waterways, roads by class with Vietnamese names, and district places', async () => {
    const tile = await getTile(at(T12, 'basemap'));
    for (const name of ['land', 'water', 'roads', 'places']) expect(Object.keys(tile), name).toContain(name);
    const roads = tile.roads!.features;
    const classes = new Set(roads.map((f) => f.properties.class));
    for (const cls of ['trunk', 'primary', 'secondary', 'tertiary']) expect(classes).toContain(cls);
    expect(roads.every((f) => f.type === 2)).toBe(true);
    expect(roads.some((f) => String(f.properties.name).startsWith('Phố '))).toBe(true);
    expect(tile.places!.features.map((f) => f.properties.name)).toContain('Quận Hoàn Kiếm');
    for (const layer of Object.keys(tile)) expectContract('basemap', layer, tile[layer]!.features);
  });

  it('basemap at zoom 0 is Natural Earth only: land and borders, no city roads', async () => {
    const tile = await getTile('basemap/0/0/0.mvt');
    expect(Object.keys(tile)).toEqual(expect.arrayContaining(['land', 'countries']));
    expect(tile.roads).toBeUndefined();
  });
});

describe('empty tiles, errors and caching', () => {
  it('answers 204 for a tile with nothing in it', async () => {
    // mid-Pacific at z10
    const res = await fetch(`${server.url}/facilities/10/10/500.mvt`);
    expect(res.status).toBe(204);
  });

  it('a cached tile is answered 304 to its ETag and invalidated by area', async () => {
    const url = `${server.url}/${at(T12, 'reports')}`;
    const first = await fetch(url);
    const again = await fetch(url, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('x-tile-cache')).toBe('hit');
    expect(
      tiles.invalidate({
        layers: ['reports'],
        bbox: [HOAN_KIEM.lon, HOAN_KIEM.lat, HOAN_KIEM.lon, HOAN_KIEM.lat],
      }),
    ).toBe(1);
    expect((await fetch(url)).headers.get('x-tile-cache')).toBe('miss');
  });
});

describe('TileJSON and style', () => {
  for (const name of LAYER_NAMES) {
    it(`${name}.json is valid TileJSON 3.0.0 whose bounds cover Hà Nội`, async () => {
      const res = await fetch(`${server.url}/${name}.json`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { bounds: number[]; tiles: string[] };
      expect(validateTileJson(doc), JSON.stringify(validateTileJson.errors)).toBe(true);
      const [w, s, e, n] = doc.bounds;
      expect(w! <= HOAN_KIEM.lon && HOAN_KIEM.lon <= e! && s! <= HOAN_KIEM.lat && HOAN_KIEM.lat <= n!).toBe(
        true,
      );
      expect(doc.tiles).toEqual([`${server.url}/${name}/{z}/{x}/{y}.mvt`]);
    });
  }

  it('style.json is a valid MapLibre style whose sources and glyphs this server answers', async () => {
    const style = (await (await fetch(`${server.url}/style.json`)).json()) as StyleSpecification;
    expect(validateStyleMin(style)).toEqual([]);
    const glyph = style
      .glyphs!.replace('{fontstack}', encodeURIComponent('Noto Sans Regular'))
      .replace('{range}', '0-255');
    expect((await fetch(glyph)).status).toBe(200);
    for (const source of Object.values(style.sources)) {
      const template = (source as { tiles: string[] }).tiles[0]!;
      const url = template
        .replace('{z}', String(T12.z))
        .replace('{x}', String(T12.x))
        .replace('{y}', String(T12.y));
      expect((await fetch(url)).status, url).toBe(200);
    }
  });
});

describe('when the database is gone', () => {
  it('answers 503 JSON, never a partial tile', async () => {
    await database.drop();
    const res = await fetch(`${server.url}/facilities/13/6504/3606.mvt`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/database/) });
    expect(errors.some((e) => e.includes('facilities/13/6504/3606'))).toBe(true);
  });
});
