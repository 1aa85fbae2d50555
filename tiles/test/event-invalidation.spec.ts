// An event drops the tiles of the layers its topic feeds, only where it happened.
import { describe, expect, it } from 'vitest';
import { invalidationFor } from '../src/event-invalidation.ts';

describe('invalidationFor', () => {
  it('drops report tiles around a new report only', () => {
    expect(invalidationFor({ topic: 'report', bbox: [105.85, 21.03, 105.85, 21.03] })).toEqual({
      layers: ['reports'],
      bbox: [105.85, 21.03, 105.85, 21.03],
    });
  });

  it('drops every tile of the layer when the event has no place', () => {
    expect(invalidationFor({ topic: 'camera', bbox: null })).toEqual({ layers: ['cameras'] });
  });

  it('drops nothing for topics no layer draws', () => {
    expect(invalidationFor({ topic: 'unit', bbox: null })).toBeUndefined();
    expect(invalidationFor({ topic: 'nonsense', bbox: null })).toBeUndefined();
  });
});
