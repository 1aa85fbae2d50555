// Bounding box validation: each mistake gets its own precise message.
import { describe, expect, it } from 'vitest';
import { parseBBox } from '../src/facilities/bbox.ts';

describe('bbox', () => {
  it('accepts a valid box in GeoJSON order', () => {
    expect(parseBBox([105.8, 21.0, 105.9, 21.1])).toEqual([105.8, 21.0, 105.9, 21.1]);
  });

  it.each([
    [[1, 2, 3, 4, 5], 'bbox must have 4 numbers [minLng, minLat, maxLng, maxLat] (got 5)'],
    [[NaN, 21, 106, 22], 'bbox minLng must be a finite number (got NaN)'],
    [[105, 21, Infinity, 22], 'bbox maxLng must be a finite number (got Infinity)'],
    [[105, -91, 106, 22], 'bbox minLat must be between -90 and 90 (got -91)'],
    [[105, 21, 181, 22], 'bbox maxLng must be between -180 and 180 (got 181)'],
    [[106, 21, 105, 22], 'bbox minLng (106) must not be greater than maxLng (105)'],
    [[105, 22, 106, 21], 'bbox minLat (22) must not be greater than maxLat (21)'],
  ])('refuses %j: %s', (bbox, message) => {
    expect(() => parseBBox(bbox)).toThrow(message);
    try {
      parseBBox(bbox);
    } catch (err) {
      expect((err as { extensions: { code: string } }).extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});
