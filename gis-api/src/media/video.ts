// Rewrites an uploaded video without its container metadata (GPS/location atoms, device and owner names,
// creation times, chapters, data and subtitle tracks) using ffmpeg stream copy, then reads its size with ffprobe.
import { execFile } from 'node:child_process';
import { MediaRejected, unreadable } from './media-errors.ts';
import type { FormatInfo } from './formats.ts';

/** ffmpeg's name for each accepted video format, as demuxer (forced: never let ffmpeg guess) and muxer. */
const FFMPEG_FORMATS: Record<string, { demuxer: string; muxer: string; extra: string[] }> = {
  mp4: { demuxer: 'mov', muxer: 'mp4', extra: ['-movflags', '+faststart'] },
  mov: { demuxer: 'mov', muxer: 'mov', extra: ['-movflags', '+faststart'] },
  webm: { demuxer: 'matroska', muxer: 'webm', extra: [] },
};

export interface VideoTools {
  ffmpeg: string;
  ffprobe: string;
  timeoutMs: number;
}

export const DEFAULT_VIDEO_TOOLS: VideoTools = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe', timeoutMs: 120_000 };

export async function stripVideo(
  inputPath: string,
  outputPath: string,
  info: FormatInfo,
  tools: VideoTools = DEFAULT_VIDEO_TOOLS,
): Promise<{ width: number; height: number }> {
  const f = FFMPEG_FORMATS[info.format];
  if (!f) throw new Error(`${info.format} is not a video format`);
  // Forcing the demuxer and allowing only the file protocol keeps a crafted upload from being read as
  // a playlist or concat list that makes ffmpeg open other files or URLs.
  const input = ['-protocol_whitelist', 'file', '-f', f.demuxer, '-i', inputPath];
  const first = await run(tools.ffprobe, [
    '-v', 'error', ...input, '-select_streams', 'v', '-show_entries', 'stream=width,height', '-of', 'json',
  ], tools.timeoutMs); // prettier-ignore
  if (!first.ok) throw unreadable(info.label, 'it could not be read as a video');
  const streams = (JSON.parse(first.stdout) as { streams?: Array<{ width?: number; height?: number }> })
    .streams;
  const video = streams?.find((s) => (s.width ?? 0) > 0 && (s.height ?? 0) > 0);
  if (!video) throw new MediaRejected(415, `The ${info.label} file has no video track`);
  const copy = await run(tools.ffmpeg, [
    '-nostdin', '-v', 'error', '-y', ...input,
    // Video and audio only: data tracks (timed GPS, Apple mebx), subtitles and attachments are dropped.
    '-map', '0:v', '-map', '0:a?', '-map_metadata', '-1', '-map_chapters', '-1',
    '-c', 'copy', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact',
    ...f.extra, '-f', f.muxer, outputPath,
  ], tools.timeoutMs); // prettier-ignore
  // ffmpeg's own words name server paths: they stay out of the client's message.
  if (!copy.ok) throw unreadable(info.label, 'its streams could not be copied into a clean file');
  return { width: video.width!, height: video.height! };
}

interface RunResult {
  ok: boolean;
  stdout: string;
}

function run(command: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 },
      (err, stdout) => {
        // A missing binary is the server's fault, not the upload's.
        if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
          reject(new Error(`${command} is not installed; video uploads need ffmpeg and ffprobe`));
        } else {
          resolve({ ok: !err, stdout });
        }
      },
    );
  });
}
