// TileJSON documents: valid against the TileJSON 3.0.0 schema for every layer, with absolute tile URLs.
import { describe, expect, it } from 'vitest';
import { LAYER_NAMES, TILE_LAYERS } from '../src/layers.ts';
import { buildTileJson } from '../src/tilejson.builder.ts';
import { validateTileJson as validate } from './support/tilejson-schema.ts';

describe('buildTileJson', () => {
  for (const name of LAYER_NAMES) {
    it(`the ${name} TileJSON is valid TileJSON 3.0.0`, () => {
      const doc = buildTileJson(
        TILE_LAYERS[name],
        'http://localhost:8080/tiles',
        [105.28, 20.56, 106.02, 21.39],
      );
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      expect(doc.tiles).toEqual([`http://localhost:8080/tiles/${name}/{z}/{x}/{y}.mvt`]);
      expect(doc.vector_layers.length).toBeGreaterThan(0);
    });
  }

  it('lists every property of the layer contract as a field', () => {
    const doc = buildTileJson(TILE_LAYERS.reports, 'http://x/tiles', [0, 0, 1, 1]);
    expect(doc.vector_layers).toEqual([
      expect.objectContaining({
        id: 'reports',
        fields: { id: 'Number', category_code: 'String', status: 'String', created_at: 'String' },
      }),
    ]);
  });

  it('rounds bounds outwards so the hint never cuts data off', () => {
    const doc = buildTileJson(
      TILE_LAYERS.facilities,
      'http://x/tiles',
      [105.123456, 20.123456, 105.654321, 21.654321],
    );
    expect(doc.bounds).toEqual([105.12345, 20.12345, 105.65433, 21.65433]);
  });

  it('credits OpenStreetMap, Natural Earth and geoBoundaries where their data is in the tiles', () => {
    expect(buildTileJson(TILE_LAYERS.basemap, 'http://x/tiles', [0, 0, 1, 1]).attribution).toMatch(
      /OpenStreetMap contributors.*Natural Earth.*geoBoundaries/,
    );
    expect(buildTileJson(TILE_LAYERS.admin_units, 'http://x/tiles', [0, 0, 1, 1]).attribution).toMatch(
      /geoBoundaries/,
    );
    expect(buildTileJson(TILE_LAYERS.facilities, 'http://x/tiles', [0, 0, 1, 1]).attribution).toMatch(
      /OpenStreetMap/,
    );
  });
});
