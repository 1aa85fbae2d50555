// The accepted upload formats and how a file's first bytes tell them apart; never the name or Content-Type.
export type MediaFormat = 'jpeg' | 'png' | 'webp' | 'mp4' | 'mov' | 'webm';
export type MediaKind = 'photo' | 'video';

export interface FormatInfo {
  format: MediaFormat;
  kind: MediaKind;
  mime: string;
  /** Extension of the stored file. */
  ext: string;
  /** For messages. */
  label: string;
}

export const FORMATS: Readonly<Record<MediaFormat, FormatInfo>> = {
  jpeg: { format: 'jpeg', kind: 'photo', mime: 'image/jpeg', ext: 'jpg', label: 'JPEG' },
  png: { format: 'png', kind: 'photo', mime: 'image/png', ext: 'png', label: 'PNG' },
  webp: { format: 'webp', kind: 'photo', mime: 'image/webp', ext: 'webp', label: 'WebP' },
  mp4: { format: 'mp4', kind: 'video', mime: 'video/mp4', ext: 'mp4', label: 'MP4' },
  mov: { format: 'mov', kind: 'video', mime: 'video/quicktime', ext: 'mov', label: 'QuickTime (MOV)' },
  webm: { format: 'webm', kind: 'video', mime: 'video/webm', ext: 'webm', label: 'WebM' },
};

export const ACCEPTED = 'JPEG, PNG or WebP photos; MP4, MOV or WebM videos';

/** How many leading bytes `sniff` looks at; fewer is fine when the file is shorter. */
export const SNIFF_BYTES = 4096;

export type Sniffed =
  | { ok: true; info: FormatInfo }
  /** `detected` names what the bytes look like; `advice` says what to send instead, when there is something to say. */
  | { ok: false; detected: string; advice?: string };

// ISO base media (ftyp) major brands. HEIF's Exif lives in an item referenced from the meta box's item
// tables; removing it means rewriting iloc offsets, so HEIC is refused rather than half-stripped.
const MP4_BRANDS = new Set([
  'isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'iso7', 'iso8', 'iso9',
  'mp41', 'mp42', 'mp71', 'avc1', 'M4V ', 'M4VH', 'M4VP', 'dash', 'mmp4', 'MSNV', 'XAVC',
]); // prettier-ignore
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'mif2']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
// Old QuickTime files start straight with one of these atoms, without ftyp.
const QUICKTIME_ATOMS = new Set(['moov', 'mdat', 'wide']);

export function sniff(head: Uint8Array): Sniffed {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  const ascii = (start: number, end: number) => b.toString('latin1', start, end);
  const ok = (format: MediaFormat): Sniffed => ({ ok: true, info: FORMATS[format] });

  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return ok('jpeg');
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return ok('png');
  if (ascii(0, 4) === 'RIFF') {
    const type = ascii(8, 12);
    if (type === 'WEBP') return ok('webp');
    if (type === 'AVI ') return { ok: false, detected: 'AVI video', advice: 'send MP4 or WebM' };
    if (type === 'WAVE') return { ok: false, detected: 'WAV audio' };
    return { ok: false, detected: `a RIFF container (${JSON.stringify(type)})` };
  }
  if (ascii(4, 8) === 'ftyp') return isoMedia(ascii(8, 12));
  if (QUICKTIME_ATOMS.has(ascii(4, 8))) return ok('mov');
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    const docType = ebmlDocType(b);
    if (docType === 'webm') return ok('webm');
    if (docType === 'matroska')
      return { ok: false, detected: 'Matroska (MKV) video', advice: 'send MP4 or WebM' };
    return {
      ok: false,
      detected: `an EBML document (${docType === undefined ? 'no DocType' : JSON.stringify(docType)})`,
    };
  }
  return { ok: false, detected: otherKind(b) };
}

function isoMedia(brand: string): Sniffed {
  if (MP4_BRANDS.has(brand)) return { ok: true, info: FORMATS.mp4 };
  if (brand === 'qt  ') return { ok: true, info: FORMATS.mov };
  if (HEIF_BRANDS.has(brand)) {
    return {
      ok: false,
      detected: 'a HEIC/HEIF photo',
      advice:
        'HEIC is refused because its location metadata cannot be removed reliably; send JPEG instead ' +
        '(on iPhone: Settings → Camera → Formats → Most Compatible)',
    };
  }
  if (AVIF_BRANDS.has(brand)) return { ok: false, detected: 'an AVIF image', advice: 'send JPEG or WebP' };
  if (brand.startsWith('3g')) return { ok: false, detected: '3GP video', advice: 'send MP4' };
  if (brand === 'M4A ' || brand === 'M4B ') return { ok: false, detected: 'MPEG-4 audio' };
  return { ok: false, detected: `ISO media of brand ${JSON.stringify(brand)}` };
}

/** Reads DocType (0x4282) from the EBML header element that opens a Matroska/WebM file. */
function ebmlDocType(b: Buffer): string | undefined {
  const header = readVint(b, 4);
  if (!header) return undefined;
  let pos = header.next;
  const end = Math.min(b.length, header.next + header.value);
  while (pos < end) {
    const id = readVint(b, pos, true);
    if (!id) return undefined;
    const size = readVint(b, id.next);
    if (!size) return undefined;
    if (id.value === 0x4282) return b.toString('latin1', size.next, Math.min(end, size.next + size.value));
    pos = size.next + size.value;
  }
  return undefined;
}

/** An EBML variable-length integer; IDs keep their length marker bit, sizes drop it. */
function readVint(b: Buffer, pos: number, keepMarker = false): { value: number; next: number } | undefined {
  const first = b[pos];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23; // leading zero bits within the byte, plus one
  if (length > 8 || pos + length > b.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + b[pos + i]!;
  return { value, next: pos + length };
}

/** A name for a refused file, for the 415 message. */
function otherKind(b: Buffer): string {
  const ascii = b.toString('latin1', 0, 8);
  if (b.length === 0) return 'an empty file';
  if (ascii.startsWith('%PDF-')) return 'a PDF document';
  if (ascii.startsWith('\x7fELF')) return 'an ELF executable';
  if (ascii.startsWith('MZ')) return 'a Windows executable';
  if (ascii.startsWith('PK\x03\x04')) return 'a ZIP archive (or an Office document)';
  if (ascii.startsWith('\x1f\x8b')) return 'a gzip archive';
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return 'a GIF image';
  if (ascii.startsWith('BM')) return 'a BMP image';
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return 'a TIFF image (or camera raw)';
  if (ascii.startsWith('ID3')) return 'MP3 audio';
  if (ascii.startsWith('OggS')) return 'an Ogg file';
  if (isText(b)) return /^\s*</.test(b.toString('utf8', 0, 256)) ? 'XML/HTML/SVG text' : 'a text file';
  return 'unrecognised binary data';
}

function isText(b: Buffer): boolean {
  const sample = b.subarray(0, 512);
  // Control characters other than tab, line feed, vertical tab, form feed and carriage return mean binary.
  if (sample.some((c) => c < 0x09 || (c > 0x0d && c < 0x20))) return false;
  // Valid UTF-8 round-trips; a multi-byte character cut at the sample's end is forgiven.
  return (sample.toString('utf8').match(/\uFFFD/g)?.length ?? 0) <= 1;
}
