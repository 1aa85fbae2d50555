// PostGIS only: the same tile encoded by ST_AsMVT and by the embedded engine's path (tile_mvt_geom + JS
// encoder) decodes to the same layers, feature ids and properties, with geometry within a couple of tile units.
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYER_NAMES, TILE_LAYERS } from '../src/layers.ts';
import { tileAt, type TileAddress } from '../src/tile-address.ts';
import { TileRepository } from '../src/tile.repository.ts';
import { HOAN_KIEM, insertLiveFixtures } from './support/live-fixtures.ts';
import { bboxOf, decodeTile, signedArea, type DecodedFeature } from './support/mvt-decode.ts';

let database: TestDatabase;
let postgis: TileRepository;
let js: TileRepository;

beforeAll(async () => {
  database = await createTestDatabase({ mode: 'pg' });
  await insertLiveFixtures(database.db);
  postgis = new TileRepository(database, 'postgis');
  js = new TileRepository(database, 'js');
});

afterAll(async () => {
  await database?.drop();
});

const TILES: TileAddress[] = [
  { z: 0, x: 0, y: 0 },
  tileAt(HOAN_KIEM.lon, HOAN_KIEM.lat, 5),
  tileAt(HOAN_KIEM.lon, HOAN_KIEM.lat, 8),
  tileAt(HOAN_KIEM.lon, HOAN_KIEM.lat, 10),
  tileAt(HOAN_KIEM.lon, HOAN_KIEM.lat, 12),
  tileAt(HOAN_KIEM.lon, HOAN_KIEM.lat, 14),
  tileAt(106.7009, 10.7769, 13), // TP.HCM: the published cameras
];

// Both sides snap to the integer grid, but PostGIS clips and repairs polygons with Wagyu where the embedded
// path uses GEOS: vertices may differ by a unit or two. Below zoom 10 a river is a sliver a unit or two wide,
// and the two split it differently at its pinch points (seen at z8: 245 vs 292 square units where the
// simplified input has 299), so there the area is only checked loosely.
const UNITS = 2;

function areaTolerance(z: number, area: number): number {
  return z >= 10 ? Math.max(0.02 * area, 16) : Math.max(0.25 * area, 64);
}

function expectSameGeometry(z: number, a: DecodedFeature, b: DecodedFeature, where: string): void {
  expect(b.type, where).toBe(a.type);
  if (a.type === 1) {
    expect(b.rings, where).toEqual(a.rings);
    return;
  }
  const [ba, bb] = [bboxOf(a), bboxOf(b)];
  const bboxDelta = Math.max(...ba.map((v, i) => Math.abs(v - bb[i]!)));
  if (a.type === 2) {
    expect(bboxDelta, `${where} bbox ${ba} vs ${bb}`).toBeLessThanOrEqual(UNITS);
    return;
  }
  const area = (f: DecodedFeature) => f.rings.reduce((sum, r) => sum + signedArea(r), 0);
  const [aa, ab] = [area(a), area(b)];
  expect(Math.abs(aa - ab), `${where} area ${aa} vs ${ab}`).toBeLessThanOrEqual(
    areaTolerance(z, Math.abs(aa)),
  );
  // a bounding box may only move further when what moved it was a sliver
  if (z >= 10 && Math.abs(aa - ab) > 4)
    expect(bboxDelta, `${where} bbox ${ba} vs ${bb}`).toBeLessThanOrEqual(UNITS);
}

describe('ST_AsMVT and the JS encoder agree', () => {
  for (const name of LAYER_NAMES) {
    it(`${name}: the same features with the same properties at zooms 0 to 14`, async () => {
      const layer = TILE_LAYERS[name];
      let compared = 0;
      for (const t of TILES) {
        const [a, b] = await Promise.all([postgis.render(layer, t, {}), js.render(layer, t, {})]);
        const [da, db] = [decodeTile(a), decodeTile(b)];
        const where = `${name} ${t.z}/${t.x}/${t.y}`;
        expect(Object.keys(db), where).toEqual(Object.keys(da));
        for (const [mvtLayer, la] of Object.entries(da)) {
          const lb = db[mvtLayer]!;
          expect({ version: lb.version, extent: lb.extent }).toEqual({
            version: la.version,
            extent: la.extent,
          });
          expect(
            lb.features.map((f) => f.id),
            `${where} ${mvtLayer} ids`,
          ).toEqual(la.features.map((f) => f.id));
          la.features.forEach((fa, i) => {
            const fb = lb.features[i]!;
            expect(fb.properties, `${where} ${mvtLayer} #${fa.id}`).toEqual(fa.properties);
            expectSameGeometry(t.z, fa, fb, `${where} ${mvtLayer} #${fa.id}`);
            compared++;
          });
        }
      }
      expect(compared, 'features compared').toBeGreaterThan(0);
    });
  }
});
