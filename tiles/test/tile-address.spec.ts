// Tile addresses: what is accepted, what is refused and why, and tile extents in degrees.
import { describe, expect, it } from 'vitest';
import { bboxesIntersect, parseTileAddress, tileAt, tileBbox } from '../src/tile-address.ts';

describe('parseTileAddress', () => {
  it('accepts every tile of a zoom from 0 to 22', () => {
    expect(parseTileAddress('0', '0', '0')).toEqual({ ok: true, value: { z: 0, x: 0, y: 0 } });
    expect(parseTileAddress('12', '3252', '1803')).toEqual({ ok: true, value: { z: 12, x: 3252, y: 1803 } });
    expect(parseTileAddress('22', String(2 ** 22 - 1), '0').ok).toBe(true);
  });

  it('refuses a zoom past 22 or not a plain integer, naming z', () => {
    for (const z of ['23', '-1', '1.5', 'abc', '', '1e1', ' 3', '0x3']) {
      const r = parseTileAddress(z, '0', '0');
      expect(r.ok, z).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^z must be an integer from 0 to 22/);
    }
  });

  it('refuses x or y outside the zoom, naming the coordinate and its range', () => {
    expect(parseTileAddress('2', '4', '0')).toEqual({
      ok: false,
      error: 'x must be an integer from 0 to 3 at zoom 2 (got "4")',
    });
    expect(parseTileAddress('2', '0', 'y')).toEqual({
      ok: false,
      error: 'y must be an integer from 0 to 3 at zoom 2 (got "y")',
    });
  });
});

describe('tile geometry', () => {
  it('finds the z12 tile over Hoàn Kiếm and its extent contains the point', () => {
    const t = tileAt(105.85, 21.03, 12);
    expect(t).toEqual({ z: 12, x: 3252, y: 1803 });
    const [w, s, e, n] = tileBbox(t);
    expect(w).toBeLessThan(105.85);
    expect(e).toBeGreaterThan(105.85);
    expect(s).toBeLessThan(21.03);
    expect(n).toBeGreaterThan(21.03);
  });

  it('a buffered extent reaches a point just past the edge that the bare extent misses', () => {
    const t = tileAt(105.85, 21.03, 14);
    const [, , e] = tileBbox(t);
    const justEast: [number, number, number, number] = [e + 1e-5, 21.03, e + 1e-5, 21.03];
    const [, s, , n] = tileBbox(t);
    const point: [number, number, number, number] = [justEast[0], (s + n) / 2, justEast[0], (s + n) / 2];
    expect(bboxesIntersect(tileBbox(t), point)).toBe(false);
    expect(bboxesIntersect(tileBbox(t, 64), point)).toBe(true);
  });
});
