// PNG stripping: eXIf, tEXt, iTXt, zTXt and tIME chunks go; checksums are verified; the picture stays decodable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripPng } from '../src/media/png.ts';
import {
  HEIGHT,
  WIDTH,
  decodes,
  leaks,
  makeFixtures,
  pngWithMetadata,
  type Fixtures,
} from './fixtures/media/fixtures.ts';

let fx: Fixtures;
beforeAll(() => {
  fx = makeFixtures();
});
afterAll(() => fx?.remove());

const chunkTypes = (png: Buffer) => {
  const types: string[] = [];
  for (let pos = 8; pos < png.length; pos += 12 + png.readUInt32BE(pos)) {
    types.push(png.toString('latin1', pos + 4, pos + 8));
  }
  return types;
};

describe('stripPng', () => {
  it('drops the metadata chunks and keeps the image chunks in order', () => {
    const dirty = pngWithMetadata(fx.png);
    expect(chunkTypes(dirty)).toEqual(expect.arrayContaining(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']));
    const { data, width, height } = stripPng(dirty);
    expect(chunkTypes(data).filter((t) => ['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME'].includes(t))).toEqual([]);
    expect(chunkTypes(data)[0]).toBe('IHDR');
    expect(chunkTypes(data).at(-1)).toBe('IEND');
    expect(leaks(data)).toEqual([]);
    expect([width, height]).toEqual([WIDTH, HEIGHT]);
    expect(decodes(data, 'png')).toBe(true);
  });

  it('drops anything after IEND', () => {
    const { data } = stripPng(Buffer.concat([fx.png, Buffer.from('Nguyen Van A')]));
    expect(leaks(data)).toEqual([]);
    expect(data.length).toBeLessThanOrEqual(fx.png.length);
  });

  it('refuses a truncated file and a corrupted chunk', () => {
    expect(() => stripPng(fx.png.subarray(0, fx.png.length - 12))).toThrow(/before the IEND chunk/);
    const corrupt = Buffer.from(fx.png);
    corrupt[8 + 8 + 2] = corrupt[8 + 8 + 2]! ^ 0xff; // a byte of IHDR's width
    expect(() => stripPng(corrupt)).toThrow(/IHDR chunk fails its checksum/);
  });
});
