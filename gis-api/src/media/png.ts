// Strips a PNG of text and metadata chunks (eXIf, tEXt, iTXt, zTXt, tIME, and any unknown ancillary chunk)
// and reads its size from IHDR; the image chunks are copied untouched, checksums verified.
import { crc32 } from './crc32.ts';
import { unreadable } from './media-errors.ts';
import type { StrippedImage } from './stripped-image.ts';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Ancillary chunks that only affect how the pixels look (colour, transparency, animation). Critical chunks
 * (upper-case first letter) are always kept; any other ancillary chunk, known or private, may carry text.
 */
const KEPT_ANCILLARY = new Set([
  'tRNS', 'cHRM', 'gAMA', 'iCCP', 'sBIT', 'sRGB', 'cICP', 'mDCv', 'cLLi',
  'bKGD', 'hIST', 'pHYs', 'sPLT', 'acTL', 'fcTL', 'fdAT',
]); // prettier-ignore

export function stripPng(input: Buffer): StrippedImage {
  const bad = (why: string) => unreadable('PNG', why);
  if (!input.subarray(0, 8).equals(SIGNATURE)) throw bad('it does not start with the PNG signature');
  const out: Buffer[] = [SIGNATURE];
  let size: { width: number; height: number } | undefined;
  let sawData = false;
  let pos = 8;
  for (;;) {
    if (pos + 12 > input.length) throw bad('it ends before the IEND chunk');
    const length = input.readUInt32BE(pos);
    const end = pos + 12 + length;
    if (length > 0x7fffffff || end > input.length) throw bad('a chunk runs past the end of the file');
    const type = input.toString('latin1', pos + 4, pos + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw bad(`invalid chunk type at byte ${pos}`);
    if (crc32(input.subarray(pos + 4, end - 4)) !== input.readUInt32BE(end - 4)) {
      throw bad(`the ${type} chunk fails its checksum`);
    }
    if (pos === 8) {
      if (type !== 'IHDR' || length !== 13) throw bad('the first chunk is not IHDR');
      size = { width: input.readUInt32BE(pos + 8), height: input.readUInt32BE(pos + 12) };
    }
    if (type === 'IDAT') sawData = true;
    const critical = type.charCodeAt(0) < 0x61;
    if (critical || KEPT_ANCILLARY.has(type)) out.push(input.subarray(pos, end));
    pos = end;
    if (type === 'IEND') break; // anything after it is dropped
  }
  if (!size || size.width === 0 || size.height === 0) throw bad('IHDR gives a zero size');
  if (!sawData) throw bad('it has no image data');
  return { data: Buffer.concat(out), ...size };
}
