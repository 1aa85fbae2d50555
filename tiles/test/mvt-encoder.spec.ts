// The JS MVT encoder: what it writes decodes back to the same layers, ids, properties and geometry.
import { describe, expect, it } from 'vitest';
import { encodeMvt } from '../src/mvt.encoder.ts';
import { decodeTile, signedArea } from './support/mvt-decode.ts';

describe('encodeMvt', () => {
  it('points, lines and polygons decode back with their ids, properties and coordinates', () => {
    const bytes = encodeMvt([
      {
        name: 'things',
        features: [
          {
            id: 7,
            properties: { name: 'Hồ Gươm', n: 3, ok: true },
            geometry: { type: 'Point', coordinates: [10, 20] },
          },
          {
            id: 8,
            properties: { name: 'Phố Huế' },
            geometry: {
              type: 'LineString',
              coordinates: [
                [0, 0],
                [100, 50],
                [200, 50],
              ],
            },
          },
          {
            id: 9,
            properties: {},
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [0, 0],
                  [100, 0],
                  [100, 100],
                  [0, 100],
                  [0, 0],
                ],
                [
                  [20, 20],
                  [20, 40],
                  [40, 40],
                  [40, 20],
                  [20, 20],
                ],
              ],
            },
          },
        ],
      },
    ]);
    const layer = decodeTile(bytes).things!;
    expect(layer.version).toBe(2);
    expect(layer.extent).toBe(4096);
    const [pt, line, poly] = layer.features;
    expect(pt).toEqual({
      id: 7,
      type: 1,
      properties: { name: 'Hồ Gươm', n: 3, ok: true },
      rings: [[[10, 20]]],
    });
    expect(line).toMatchObject({
      id: 8,
      type: 2,
      rings: [
        [
          [0, 0],
          [100, 50],
          [200, 50],
        ],
      ],
    });
    expect(poly!.type).toBe(3);
    // MVT rings come back closed; the exterior has positive area in tile coordinates, the hole negative
    expect(poly!.rings).toHaveLength(2);
    expect(signedArea(poly!.rings[0]!)).toBeGreaterThan(0);
    expect(signedArea(poly!.rings[1]!)).toBeLessThan(0);
  });

  it('leaves out null properties, as ST_AsMVT does', () => {
    const bytes = encodeMvt([
      {
        name: 'l',
        features: [
          { id: 1, properties: { a: null, b: 'x' }, geometry: { type: 'Point', coordinates: [1, 1] } },
        ],
      },
    ]);
    expect(decodeTile(bytes).l!.features[0]!.properties).toEqual({ b: 'x' });
  });

  it('writes no layer for an empty feature list, and nothing at all for an empty tile', () => {
    expect(encodeMvt([{ name: 'empty', features: [] }])).toHaveLength(0);
  });

  it('a multipolygon keeps every ring of every part', () => {
    const square = (o: number) => [
      [o, o],
      [o + 10, o],
      [o + 10, o + 10],
      [o, o + 10],
      [o, o],
    ];
    const bytes = encodeMvt([
      {
        name: 'm',
        features: [
          {
            id: 1,
            properties: {},
            geometry: { type: 'MultiPolygon', coordinates: [[square(0)], [square(50)]] },
          },
        ],
      },
    ]);
    expect(decodeTile(bytes).m!.features[0]!.rings).toHaveLength(2);
  });
});
