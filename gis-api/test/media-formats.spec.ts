// The upload's type comes from its first bytes: each accepted format is recognised, everything else is named.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniff } from '../src/media/formats.ts';
import { ffmpeg, heicHead, makeFixtures, type Fixtures } from './fixtures/media/fixtures.ts';

let fx: Fixtures;
beforeAll(() => {
  fx = makeFixtures();
});
afterAll(() => fx?.remove());

const mimeOf = (data: Buffer) => {
  const s = sniff(data.subarray(0, 4096));
  return s.ok ? s.info.mime : `refused: ${s.detected}`;
};

describe('sniff', () => {
  it('recognises every accepted photo and video format from its content', () => {
    expect(mimeOf(fx.jpeg)).toBe('image/jpeg');
    expect(mimeOf(fx.png)).toBe('image/png');
    expect(mimeOf(fx.webp)).toBe('image/webp');
    expect(mimeOf(fx.webpLossless)).toBe('image/webp');
    expect(mimeOf(fx.mp4)).toBe('video/mp4');
    expect(mimeOf(fx.mov)).toBe('video/quicktime');
    expect(mimeOf(fx.webm)).toBe('video/webm');
  });

  it('gives each accepted format its kind and stored extension', () => {
    const info = (data: Buffer) => {
      const s = sniff(data);
      return s.ok ? [s.info.kind, s.info.ext] : [];
    };
    expect(info(fx.jpeg)).toEqual(['photo', 'jpg']);
    expect(info(fx.mov)).toEqual(['video', 'mov']);
    expect(info(fx.webm)).toEqual(['video', 'webm']);
  });

  it('refuses HEIC and says to send JPEG instead', () => {
    const s = sniff(heicHead());
    expect(s).toMatchObject({ ok: false, detected: 'a HEIC/HEIF photo' });
    expect(s.ok ? '' : s.advice).toContain('send JPEG');
  });

  it('names what a refused file looks like', () => {
    const detected = (text: string | Buffer) => {
      const s = sniff(Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1'));
      return s.ok ? 'accepted' : s.detected;
    };
    expect(detected('%PDF-1.7\n%âãÏÓ\n1 0 obj')).toBe('a PDF document');
    expect(detected('\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0')).toBe('an ELF executable');
    expect(detected(Buffer.from('Xin chào, đây là một tệp văn bản.\n'))).toBe('a text file');
    expect(detected('<svg xmlns="http://www.w3.org/2000/svg"></svg>')).toBe('XML/HTML/SVG text');
    expect(detected('GIF89a\x01\0\x01\0')).toBe('a GIF image');
    expect(detected('PK\x03\x04\x14\0')).toBe('a ZIP archive (or an Office document)');
    expect(detected(Buffer.from([0x00, 0x13, 0x37, 0xfe, 0x01, 0x02]))).toBe('unrecognised binary data');
  });

  it('tells Matroska from WebM by the EBML DocType', () => {
    ffmpeg(['-i', path.join(fx.dir, 'x.webm'), '-c', 'copy', path.join(fx.dir, 'x.mkv')]);
    const mkv = fs.readFileSync(path.join(fx.dir, 'x.mkv'));
    expect(sniff(mkv)).toMatchObject({ ok: false, detected: 'Matroska (MKV) video' });
  });
});
