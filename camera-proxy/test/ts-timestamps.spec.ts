// A loop's segment replayed in pass n has PTS, DTS and PCR n loop-lengths later and continuity counters moved
// on by n passes' packets, with everything else byte for byte the same.
import { describe, expect, it } from 'vitest';
import {
  payloadPacketsPerPid,
  readPcrBase,
  readTimestamp,
  shiftSegment,
} from '../src/simulator/ts-timestamps.ts';

/** One 188-byte packet: PCR in its adaptation field, and a PES header with PTS and DTS. */
function packet(pid: number, cc: number, pts: number, dts: number, pcr: number): Buffer {
  const b = Buffer.alloc(188, 0xff);
  b[0] = 0x47;
  b[1] = 0x40 | (pid >> 8); // payload unit start
  b[2] = pid & 0xff;
  b[3] = 0x30 | cc; // adaptation field and payload
  b[4] = 7; // adaptation field length
  b[5] = 0x10; // PCR flag
  b.writeUIntBE(Math.floor(pcr / 2), 6, 4);
  b[10] = ((pcr % 2) << 7) | 0x7e;
  b[11] = 0;
  const pes = 12;
  b.set([0, 0, 1, 0xe0, 0, 0, 0x80, 0xc0, 10], pes);
  writeTs(b, pes + 9, 0x3, pts);
  writeTs(b, pes + 14, 0x1, dts);
  return b;
}

function writeTs(b: Buffer, at: number, prefix: number, v: number): void {
  b[at] = (prefix << 4) | (Math.floor(v / 2 ** 30) << 1) | 1;
  const low = v % 2 ** 30;
  b[at + 1] = (low >>> 22) & 0xff;
  b[at + 2] = (((low >>> 15) & 0x7f) << 1) | 1;
  b[at + 3] = (low >>> 7) & 0xff;
  b[at + 4] = ((low & 0x7f) << 1) | 1;
}

describe('shiftSegment', () => {
  const segment = Buffer.concat([
    packet(0x100, 14, 126_000, 117_000, 110_000),
    packet(0x100, 15, 135_000, 126_000, 119_001),
  ]);
  const loop90k = 360_000;
  const perPid = payloadPacketsPerPid([segment, packet(0x100, 0, 0, 0, 0)]);

  it('counts payload packets per PID over the loop', () => {
    expect(perPid).toEqual(new Map([[0x100, 3]]));
  });

  it('moves PTS, DTS and PCR by whole loops', () => {
    const out = shiftSegment(segment, 2, loop90k, perPid);
    expect(readTimestamp(out, 12 + 9)).toBe(126_000 + 720_000);
    expect(readTimestamp(out, 12 + 14)).toBe(117_000 + 720_000);
    expect(readPcrBase(out, 6)).toBe(110_000 + 720_000);
    expect(readPcrBase(out, 188 + 6)).toBe(119_001 + 720_000);
    expect(out[12 + 9]! >> 4).toBe(0x3); // the PTS prefix survives
  });

  it('moves continuity counters on by the packets of the passes before, modulo 16', () => {
    const out = shiftSegment(segment, 2, loop90k, perPid);
    expect([out[3]! & 0x0f, out[188 + 3]! & 0x0f]).toEqual([(14 + 6) % 16, (15 + 6) % 16]);
  });

  it('wraps timestamps at 2^33 as the clock does', () => {
    const out = shiftSegment(segment, 1, 2 ** 33 - 1000, perPid);
    expect(readTimestamp(out, 12 + 9)).toBe(126_000 - 1000);
  });

  it('leaves the first pass untouched and refuses what is not MPEG-TS', () => {
    expect(shiftSegment(segment, 0, loop90k, perPid).equals(segment)).toBe(true);
    expect(() => shiftSegment(Buffer.alloc(100), 1, loop90k, perPid)).toThrow(/not MPEG-TS/);
  });
});
