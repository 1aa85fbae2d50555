// WebP stripping: EXIF and XMP chunks go and their VP8X flags are cleared; the picture stays decodable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripWebp } from '../src/media/webp.ts';
import {
  HEIGHT,
  WIDTH,
  decodes,
  leaks,
  makeFixtures,
  webpWithMetadata,
  type Fixtures,
} from './fixtures/media/fixtures.ts';

let fx: Fixtures;
beforeAll(() => {
  fx = makeFixtures();
});
afterAll(() => fx?.remove());

describe('stripWebp', () => {
  it('removes EXIF (with GPS) and XMP from a lossy WebP, clears the flags, and it still decodes', () => {
    const dirty = webpWithMetadata(fx.webp);
    expect(decodes(dirty, 'webp')).toBe(true);
    expect(leaks(dirty)).toContain('GPS latitude');
    const { data, width, height } = stripWebp(dirty);
    expect(leaks(data)).toEqual([]);
    expect(data.includes(Buffer.from('EXIF'))).toBe(false);
    expect(data.includes(Buffer.from('XMP '))).toBe(false);
    expect(data.toString('latin1', 12, 16)).toBe('VP8X');
    expect(data[20]! & 0x0c).toBe(0);
    expect(data.readUInt32LE(4)).toBe(data.length - 8);
    expect([width, height]).toEqual([WIDTH, HEIGHT]);
    expect(decodes(data, 'webp')).toBe(true);
  });

  it('does the same for a lossless WebP', () => {
    const { data } = stripWebp(webpWithMetadata(fx.webpLossless));
    expect(leaks(data)).toEqual([]);
    expect(decodes(data, 'webp')).toBe(true);
  });

  it('reads the size of simple lossy and lossless files from their bitstream headers', () => {
    expect(stripWebp(fx.webp)).toMatchObject({ width: WIDTH, height: HEIGHT });
    expect(stripWebp(fx.webpLossless)).toMatchObject({ width: WIDTH, height: HEIGHT });
  });

  it('refuses a file shorter than its RIFF header says', () => {
    expect(() => stripWebp(fx.webp.subarray(0, fx.webp.length - 10))).toThrow(/shorter than its RIFF header/);
  });
});
