// JPEG stripping: Exif (GPS, serials, owner), XMP, IPTC, comments and trailers go; the picture stays decodable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripJpeg } from '../src/media/jpeg.ts';
import { MediaRejected } from '../src/media/media-errors.ts';
import {
  HEIGHT,
  WIDTH,
  decodes,
  jpegWithMetadata,
  leaks,
  makeFixtures,
  type Fixtures,
} from './fixtures/media/fixtures.ts';

let fx: Fixtures;
beforeAll(() => {
  fx = makeFixtures();
});
afterAll(() => fx?.remove());

describe('stripJpeg', () => {
  it('removes the planted Exif GPS, serial number, owner, XMP, IPTC and comment', () => {
    const dirty = jpegWithMetadata(fx.jpeg);
    expect(leaks(dirty)).toEqual(expect.arrayContaining(['GPS latitude', 'Exif header', 'Nguyen Van A']));
    const { data } = stripJpeg(dirty);
    expect(leaks(data)).toEqual([]);
    expect(data.includes(Buffer.from('http://ns.adobe.com/xap'))).toBe(false);
    expect(data.includes(Buffer.from('Photoshop 3.0'))).toBe(false);
  });

  it('keeps the image decodable and reads its size from the frame header', () => {
    const { data, width, height } = stripJpeg(jpegWithMetadata(fx.jpeg));
    expect([width, height]).toEqual([WIDTH, HEIGHT]);
    expect(decodes(data, 'jpg')).toBe(true);
  });

  it('copies a clean file unchanged apart from dropped comments', () => {
    const { data } = stripJpeg(fx.jpeg);
    // ffmpeg writes JFIF (kept) and a "Lavc" comment (dropped).
    expect(data.length).toBeLessThanOrEqual(fx.jpeg.length);
    expect(data.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(stripJpeg(data).data).toEqual(data);
  });

  it('refuses a truncated file as unreadable (400)', () => {
    const cut = fx.jpeg.subarray(0, fx.jpeg.length - 40);
    expect(() => stripJpeg(cut)).toThrow(MediaRejected);
    expect(() => stripJpeg(cut)).toThrow(/damaged or truncated/);
    try {
      stripJpeg(cut);
    } catch (err) {
      expect((err as MediaRejected).status).toBe(400);
    }
  });

  it('refuses a file that starts like a JPEG but is garbage after the marker', () => {
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]), Buffer.alloc(20, 7)]);
    expect(() => stripJpeg(garbage)).toThrow(/damaged or truncated/);
  });
});
