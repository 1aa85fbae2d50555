// Replays a pre-encoded MPEG-TS loop as one endless live stream: pass n of the loop has every timestamp
// (PES PTS/DTS, PCR) moved n loop-lengths later and every continuity counter moved on by the packets of n
// passes, so players see time only move forward and no packet missing, with no discontinuity to signal.
const PACKET = 188;
const WRAP = 2 ** 33; // timestamps are 33-bit counts of a 90 kHz clock

/** Packets carrying payload per PID in a whole loop: how far each continuity counter moves per pass. */
export function payloadPacketsPerPid(segments: readonly Buffer[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const segment of segments) {
    for (let p = 0; p + PACKET <= segment.length; p += PACKET) {
      if (!((segment[p + 3]! >> 4) & 0x1)) continue;
      const pid = pidAt(segment, p);
      counts.set(pid, (counts.get(pid) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * A copy of `segment` as it is in pass `pass` of the loop: PTS, DTS and PCR advanced by `pass` times
 * `loop90k` ticks of 90 kHz (modulo 2^33), continuity counters by `pass` times the loop's packets per PID.
 */
export function shiftSegment(
  segment: Buffer,
  pass: number,
  loop90k: number,
  packetsPerPid: ReadonlyMap<number, number>,
): Buffer {
  const out = Buffer.from(segment);
  if (pass === 0) return out;
  const offset90k = (pass * loop90k) % WRAP;
  if (out.length % PACKET !== 0) throw new Error(`not MPEG-TS: ${out.length} bytes is not whole packets`);
  for (let p = 0; p < out.length; p += PACKET) {
    if (out[p] !== 0x47) throw new Error(`not MPEG-TS: no sync byte at ${p}`);
    const unitStart = (out[p + 1]! & 0x40) !== 0;
    const control = (out[p + 3]! >> 4) & 0x3;
    if (control & 0x1) {
      const step = ((packetsPerPid.get(pidAt(out, p)) ?? 0) * pass) % 16;
      out[p + 3] = (out[p + 3]! & 0xf0) | ((out[p + 3]! + step) & 0x0f);
    }
    let payload = p + 4;
    if (control & 0x2) {
      const length = out[p + 4]!;
      if (length > 0 && out[p + 5]! & 0x10) shiftPcr(out, p + 6, offset90k);
      payload = p + 5 + length;
    }
    if (!(control & 0x1) || !unitStart || payload + 19 > p + PACKET) continue;
    if (out[payload] !== 0 || out[payload + 1] !== 0 || out[payload + 2] !== 1) continue;
    const streamId = out[payload + 3]!;
    // Only audio, video and private stream 1 carry the optional PES header with timestamps.
    if (!((streamId >= 0xc0 && streamId <= 0xef) || streamId === 0xbd)) continue;
    const flags = out[payload + 7]! >> 6;
    if (flags & 0x2) writeTimestamp(out, payload + 9, readTimestamp(out, payload + 9) + offset90k);
    if (flags === 0x3) writeTimestamp(out, payload + 14, readTimestamp(out, payload + 14) + offset90k);
  }
  return out;
}

function pidAt(b: Buffer, p: number): number {
  return ((b[p + 1]! & 0x1f) << 8) | b[p + 2]!;
}

export function readTimestamp(b: Buffer, at: number): number {
  return (
    ((b[at]! >> 1) & 0x7) * 2 ** 30 +
    b[at + 1]! * 2 ** 22 +
    (b[at + 2]! >> 1) * 2 ** 15 +
    b[at + 3]! * 2 ** 7 +
    (b[at + 4]! >> 1)
  );
}

function writeTimestamp(b: Buffer, at: number, value: number): void {
  const v = ((value % WRAP) + WRAP) % WRAP;
  const high = Math.floor(v / 2 ** 30); // bits 32..30
  const low = v % 2 ** 30;
  b[at] = (b[at]! & 0xf0) | (high << 1) | 1;
  b[at + 1] = (low >>> 22) & 0xff;
  b[at + 2] = (((low >>> 15) & 0x7f) << 1) | 1;
  b[at + 3] = (low >>> 7) & 0xff;
  b[at + 4] = ((low & 0x7f) << 1) | 1;
}

export function readPcrBase(b: Buffer, at: number): number {
  return b[at]! * 2 ** 25 + b[at + 1]! * 2 ** 17 + b[at + 2]! * 2 ** 9 + b[at + 3]! * 2 + (b[at + 4]! >> 7);
}

function shiftPcr(b: Buffer, at: number, offset90k: number): void {
  const base = (((readPcrBase(b, at) + offset90k) % WRAP) + WRAP) % WRAP;
  b[at] = Math.floor(base / 2 ** 25) & 0xff;
  b[at + 1] = Math.floor(base / 2 ** 17) & 0xff;
  b[at + 2] = Math.floor(base / 2 ** 9) & 0xff;
  b[at + 3] = Math.floor(base / 2) & 0xff;
  b[at + 4] = ((base % 2) << 7) | (b[at + 4]! & 0x7f);
}
