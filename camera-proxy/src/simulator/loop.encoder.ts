// Pre-encodes a camera's short video loop once with ffmpeg — H.264 baseline, yuv420p, a keyframe at every
// segment start, the camera's name and a running clock burned in when drawtext and a font are available — and
// keeps it on disk keyed by everything that shaped it, so later runs (and parallel test files) reuse it.
import { execFile, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { payloadPacketsPerPid } from './ts-timestamps.ts';

export interface LoopSpec {
  /** Burned into the picture (the camera's name). */
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly segmentSeconds: number;
  /** Length of the loop; a whole number of segments. */
  readonly loopSeconds: number;
  readonly ffmpegPath: string;
  readonly cacheDir: string;
  /** Strength of film grain (0–100; default none): makes segments as heavy as a real camera's. */
  readonly grain?: number;
}

export interface EncodedLoop {
  /** MPEG-TS segments, each starting with a keyframe. */
  readonly segments: readonly Buffer[];
  /** EXTINF of each segment, in seconds. */
  readonly durations: readonly number[];
  /** Length of the whole loop in 90 kHz ticks: the timestamp shift from one pass to the next. */
  readonly duration90k: number;
  /** Payload packets per PID in the whole loop: the continuity counter shift from one pass to the next. */
  readonly packetsPerPid: ReadonlyMap<number, number>;
}

const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
];

const run = promisify(execFile);
let drawtextCheck: Promise<string | undefined> | undefined;

/** The font drawtext can use, or undefined when this ffmpeg has no drawtext (then the picture has no text). */
function textFont(ffmpegPath: string): Promise<string | undefined> {
  drawtextCheck ??= run(ffmpegPath, ['-hide_banner', '-filters'])
    .then(({ stdout }) =>
      /\bdrawtext\b/.test(stdout) ? FONT_CANDIDATES.find((f) => fs.existsSync(f)) : undefined,
    )
    .catch(() => undefined);
  return drawtextCheck;
}

export async function encodeLoop(spec: LoopSpec): Promise<EncodedLoop> {
  const font = await textFont(spec.ffmpegPath);
  const key = crypto
    .createHash('sha256')
    .update(JSON.stringify({ ...spec, cacheDir: undefined, font, v: 3 }))
    .digest('hex')
    .slice(0, 20);
  const dir = path.join(spec.cacheDir, key);
  if (!fs.existsSync(path.join(dir, 'index.m3u8'))) await encodeInto(dir, spec, font);
  return readLoop(dir, spec);
}

async function encodeInto(dir: string, spec: LoopSpec, font: string | undefined): Promise<void> {
  fs.mkdirSync(spec.cacheDir, { recursive: true });
  const tmp = fs.mkdtempSync(`${dir}.tmp-`);
  try {
    const gop = spec.fps * spec.segmentSeconds;
    const loop = spec.loopSeconds;
    // A road with two cars crossing it, each crossing a whole number of times per loop so that the loop
    // point does not show; film grain (the benchmark's option) makes segments as heavy as a real camera's.
    const filters = [
      'drawbox=x=0:y=ih*0.55:w=iw:h=ih*0.25:color=0x404040:t=fill',
      'drawbox=x=0:y=ih*0.67:w=iw:h=2:color=white@0.6:t=fill',
      `drawbox=x='mod(t/${loop}\\,1)*(iw+iw/10)-iw/10':y=ih*0.57:w=iw/10:h=ih/11:color=0xc03030:t=fill`,
      `drawbox=x='iw-mod(2*t/${loop}\\,1)*(iw+iw/13)':y=ih*0.70:w=iw/13:h=ih/13:color=0xe0c040:t=fill`,
    ];
    if (spec.grain) filters.push(`noise=alls=${spec.grain}:allf=t`);
    if (font) {
      // The label goes through a file: camera names hold characters the filter syntax would need escaped.
      fs.writeFileSync(path.join(tmp, 'label.txt'), spec.label);
      const size = Math.max(10, Math.round(spec.height / 12));
      const box = `fontcolor=white:fontsize=${size}:box=1:boxcolor=black@0.55:boxborderw=3`;
      filters.push(
        `drawtext=fontfile=${font}:textfile=${path.join(tmp, 'label.txt')}:expansion=none:x=4:y=4:${box}`,
        `drawtext=fontfile=${font}:text='%{pts\\:hms}':x=4:y=h-th-6:${box}`,
      );
    }
    await new Promise<void>((resolve, reject) => {
      const ff = spawn(
        spec.ffmpegPath,
        [
          ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'],
          ...['-f', 'lavfi', '-i', `color=c=0x3c5a48:size=${spec.width}x${spec.height}:rate=${spec.fps}`],
          ...['-t', String(spec.loopSeconds), '-vf', filters.join(','), '-an'],
          ...['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p'],
          ...[
            '-threads',
            '1',
            '-g',
            String(gop),
            '-keyint_min',
            String(gop),
            '-sc_threshold',
            '0',
            '-bf',
            '0',
          ],
          ...['-f', 'hls', '-hls_time', String(spec.segmentSeconds), '-hls_list_size', '0'],
          ...['-hls_segment_filename', path.join(tmp, 'seg%03d.ts'), path.join(tmp, 'index.m3u8')],
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let err = '';
      ff.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
      ff.on('error', (e) =>
        reject(new Error(`the camera simulator needs ffmpeg (${spec.ffmpegPath}): ${e.message}`)),
      );
      ff.on('close', (code) =>
        code === 0
          ? resolve()
          : reject(new Error(`ffmpeg failed to encode the simulator loop: ${err.trim()}`)),
      );
    });
    try {
      fs.renameSync(tmp, dir);
    } catch (e) {
      // Another process encoded the same loop first: use theirs.
      if (!fs.existsSync(path.join(dir, 'index.m3u8'))) throw e;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function readLoop(dir: string, spec: LoopSpec): EncodedLoop {
  const lines = fs.readFileSync(path.join(dir, 'index.m3u8'), 'utf8').split('\n');
  const segments: Buffer[] = [];
  const durations: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^#EXTINF:([\d.]+)/.exec(lines[i]!);
    if (!m) continue;
    durations.push(Number(m[1]));
    segments.push(fs.readFileSync(path.join(dir, lines[i + 1]!.trim())));
  }
  if (segments.length === 0) throw new Error(`the simulator loop in ${dir} has no segments`);
  return {
    segments,
    durations,
    duration90k: Math.round(spec.loopSeconds * 90_000),
    packetsPerPid: payloadPacketsPerPid(segments),
  };
}
