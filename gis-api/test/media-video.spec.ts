// Video stripping with ffmpeg stream copy: location atoms, titles and device names go; the video still plays.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../src/media/formats.ts';
import { stripVideo } from '../src/media/video.ts';
import {
  HEIGHT,
  WIDTH,
  decodes,
  leaks,
  makeFixtures,
  probeTags,
  type Fixtures,
} from './fixtures/media/fixtures.ts';

let fx: Fixtures;
beforeAll(() => {
  fx = makeFixtures();
});
afterAll(() => fx?.remove());

async function strip(name: string, format: 'mp4' | 'mov' | 'webm') {
  const out = path.join(fx.dir, `clean-${name}`);
  const size = await stripVideo(path.join(fx.dir, name), out, FORMATS[format]);
  return { size, out, data: fs.readFileSync(out) };
}

describe('stripVideo', () => {
  it('removes an MP4 ISO 6709 location key, the title and the track handler name', async () => {
    expect(leaks(fx.mp4)).toEqual(expect.arrayContaining(['ISO 6709 location', 'Nguyen Van A']));
    expect(probeTags(path.join(fx.dir, 'x.mp4'))).toContain('com.apple.quicktime.location.ISO6709');
    const { size, out, data } = await strip('x.mp4', 'mp4');
    expect(leaks(data)).toEqual([]);
    expect(probeTags(out)).not.toMatch(/location|Nguyen|Pixel/);
    expect(size).toEqual({ width: WIDTH, height: HEIGHT });
    expect(decodes(data, 'mp4')).toBe(true);
  });

  it('removes the QuickTime ©xyz location atom from a MOV', async () => {
    expect(fx.mov.includes(Buffer.from([0xa9, 0x78, 0x79, 0x7a]))).toBe(true);
    const { data } = await strip('x.mov', 'mov');
    expect(data.includes(Buffer.from([0xa9, 0x78, 0x79, 0x7a]))).toBe(false);
    expect(leaks(data)).toEqual([]);
    expect(decodes(data, 'mov')).toBe(true);
  });

  it('removes WebM tags', async () => {
    const { data, size } = await strip('x.webm', 'webm');
    expect(leaks(data)).toEqual([]);
    expect(size).toEqual({ width: WIDTH, height: HEIGHT });
    expect(decodes(data, 'webm')).toBe(true);
  });

  it('refuses a truncated video as unreadable', async () => {
    const cut = path.join(fx.dir, 'cut.mp4');
    fs.writeFileSync(cut, fx.mp4.subarray(0, 200));
    await expect(stripVideo(cut, path.join(fx.dir, 'cut-out.mp4'), FORMATS.mp4)).rejects.toMatchObject({
      status: 400,
    });
  });
});
