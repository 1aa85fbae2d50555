// Strips a JPEG of everything that can identify the sender (Exif with GPS and serials, XMP, IPTC, comments,
// thumbnails, data after the end marker) and reads its size; the compressed image data is copied untouched.
import { unreadable } from './media-errors.ts';
import type { StrippedImage } from './stripped-image.ts';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;

export function stripJpeg(input: Buffer): StrippedImage {
  const bad = (why: string) => unreadable('JPEG', why);
  if (input[0] !== 0xff || input[1] !== SOI) throw bad('it does not start with a start-of-image marker');
  const out: Buffer[] = [Buffer.from([0xff, SOI])];
  let size: { width: number; height: number } | undefined;
  let scans = 0;
  let pos = 2;
  for (;;) {
    if (input[pos] !== 0xff) {
      throw pos >= input.length
        ? bad('it ends before the end-of-image marker')
        : bad(`no marker at byte ${pos}`);
    }
    while (input[pos] === 0xff) pos++; // fill bytes may precede a marker
    const marker = input[pos++];
    if (marker === undefined) throw bad('it ends inside a marker');
    if (marker === EOI) break; // anything after it (Samsung/Apple trailers, hidden images) is dropped
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(Buffer.from([0xff, marker]));
      continue;
    }
    if (marker === 0x00 || marker === SOI) throw bad(`unexpected marker 0x${marker.toString(16)}`);
    if (pos + 2 > input.length) throw bad('it ends inside a segment header');
    const length = input.readUInt16BE(pos);
    const end = pos + length;
    if (length < 2 || end > input.length) throw bad('a segment runs past the end of the file');
    const payload = input.subarray(pos + 2, end);
    if (isFrameHeader(marker)) {
      if (payload.length < 5) throw bad('the frame header is too short');
      size = { height: payload.readUInt16BE(1), width: payload.readUInt16BE(3) };
    }
    if (keep(marker, payload)) out.push(Buffer.from([0xff, marker]), input.subarray(pos, end));
    pos = end;
    if (marker === SOS) {
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
      const dataEnd = scanEnd(input, pos);
      if (dataEnd < 0) throw bad('it ends inside the image data');
      out.push(input.subarray(pos, dataEnd));
      pos = dataEnd;
      scans++;
    }
  }
  if (!size) throw bad('it has no frame header');
  if (scans === 0) throw bad('it has no image data');
  if (size.width === 0 || size.height === 0) throw bad('its frame header gives a zero size');
  out.push(Buffer.from([0xff, EOI]));
  return { data: Buffer.concat(out), ...size };
}

/** SOF0–SOF15 carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames. */
function isFrameHeader(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/**
 * Application segments are kept only when they are needed to show the picture right: JFIF (APP0), the ICC
 * colour profile (APP2) and Adobe's colour transform flag (APP14). Everything else of APP1–APP15 (Exif, XMP,
 * MPF, IPTC/Photoshop, maker notes, FlashPix, JFXX thumbnails) and comments go.
 */
function keep(marker: number, payload: Buffer): boolean {
  if (marker === COM) return false;
  if (marker < 0xe0 || marker > 0xef) return true;
  const id = payload.toString('latin1', 0, 12);
  if (marker === 0xe0) return id.startsWith('JFIF\0');
  if (marker === 0xe2) return id === 'ICC_PROFILE\0';
  if (marker === 0xee) return id.startsWith('Adobe');
  return false;
}

/** Index of the 0xFF that starts the marker ending a scan, or -1 when the file ends first. */
function scanEnd(input: Buffer, from: number): number {
  let i = input.indexOf(0xff, from);
  while (i >= 0 && i + 1 < input.length) {
    const next = input[i + 1]!;
    if (next === 0xff) {
      i += 1; // fill byte; look again at the next 0xFF
    } else if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
      i = input.indexOf(0xff, i + 2);
    } else {
      return i;
    }
  }
  return -1;
}
