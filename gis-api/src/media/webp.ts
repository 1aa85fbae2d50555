// Strips a WebP of its EXIF and XMP chunks (and any unknown chunk), clears their flags in VP8X, and reads
// the canvas size; the image chunks are copied untouched.
import { unreadable } from './media-errors.ts';
import type { StrippedImage } from './stripped-image.ts';

/** Chunks that make up the picture (RIFF WebP container spec); anything else may carry metadata. */
const KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

export function stripWebp(input: Buffer): StrippedImage {
  const bad = (why: string) => unreadable('WebP', why);
  if (
    input.length < 12 ||
    input.toString('latin1', 0, 4) !== 'RIFF' ||
    input.toString('latin1', 8, 12) !== 'WEBP'
  ) {
    throw bad('it is not a RIFF WEBP container');
  }
  const riffEnd = 8 + input.readUInt32LE(4);
  if (riffEnd > input.length) throw bad('the file is shorter than its RIFF header says');
  const chunks: Buffer[] = [];
  let size: { width: number; height: number } | undefined;
  let sawImage = false;
  let pos = 12;
  while (pos < riffEnd) {
    if (pos + 8 > riffEnd) throw bad('it ends inside a chunk header');
    const type = input.toString('latin1', pos, pos + 4);
    const length = input.readUInt32LE(pos + 4);
    const end = pos + 8 + length + (length % 2); // payloads are padded to an even length
    if (end > riffEnd + (length % 2))
      throw bad(`the ${JSON.stringify(type)} chunk runs past the end of the file`);
    const payload = input.subarray(pos + 8, pos + 8 + length);
    if (type === 'VP8X') {
      if (length < 10) throw bad('the VP8X chunk is too short');
      const chunk = Buffer.from(input.subarray(pos, pos + 8 + length)); // a copy: its flags change
      chunk[8] = chunk[8]! & ~(VP8X_EXIF | VP8X_XMP);
      chunks.push(pad(chunk));
      size = { width: payload.readUIntLE(4, 3) + 1, height: payload.readUIntLE(7, 3) + 1 };
    } else if (KEPT.has(type)) {
      chunks.push(pad(input.subarray(pos, pos + 8 + length)));
    }
    if (type === 'VP8 ' || type === 'VP8L' || type === 'ANMF') {
      sawImage = true;
      size ??= bitstreamSize(type, payload, bad);
    }
    pos = end;
  }
  if (!sawImage || !size) throw bad('it has no image data');
  if (size.width === 0 || size.height === 0) throw bad('its header gives a zero size');
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  header.write('WEBP', 8, 'latin1');
  return { data: Buffer.concat([header, body]), ...size };
}

function pad(chunk: Buffer): Buffer {
  return chunk.length % 2 === 0 ? chunk : Buffer.concat([chunk, Buffer.alloc(1)]);
}

/** Size from a simple-format file's own bitstream header (lossy VP8 or lossless VP8L). */
function bitstreamSize(
  type: string,
  payload: Buffer,
  bad: (why: string) => Error,
): { width: number; height: number } {
  if (type === 'VP8 ') {
    if (payload.length < 10 || payload.readUIntBE(3, 3) !== 0x9d012a)
      throw bad('the VP8 frame header is invalid');
    return { width: payload.readUInt16LE(6) & 0x3fff, height: payload.readUInt16LE(8) & 0x3fff };
  }
  if (type === 'VP8L') {
    if (payload.length < 5 || payload[0] !== 0x2f) throw bad('the VP8L header is invalid');
    const bits = payload.readUInt32LE(1);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  throw bad('an animation frame comes without a VP8X header');
}
