// /cameras/{id}/snapshot.jpg: the first frame of the camera's newest segment (a keyframe, so one decode),
// taken from the shared segment cache by ffmpeg and reused for a few seconds by every wall tile and popup.
import { spawn } from 'node:child_process';
import type { Camera } from '../camera.repository.ts';
import { SharedCache } from '../hls/shared.cache.ts';
import type { StreamService } from '../stream.service.ts';
import { UpstreamError } from '../upstream/upstream.error.ts';

export interface SnapshotOptions {
  streams: Pick<StreamService, 'mediaPlaylist' | 'media'>;
  ffmpegPath: string;
  ttlMs: number;
  /** Longest side of the JPEG in pixels. */
  maxWidth?: number;
}

/** ffmpeg runs at once at most this many times; more snapshot requests wait (they are cached anyway). */
const MAX_RUNNING = 2;
const FFMPEG_TIMEOUT_MS = 5000;

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

export class SnapshotService {
  readonly #options: SnapshotOptions;
  readonly #cache = new SharedCache<Buffer>({ maxBytes: 32 * 1024 * 1024 });
  #running = 0;
  readonly #queue: (() => void)[] = [];

  constructor(options: SnapshotOptions) {
    this.#options = options;
  }

  async jpeg(camera: Camera, arrival: number): Promise<{ body: Buffer; maxAgeMs: number }> {
    const { value, expiresAt } = await this.#cache.get(String(camera.id), async () => {
      const { playlist } = await this.#options.streams.mediaPlaylist(camera, arrival);
      const newest = playlist.segments.at(-1);
      if (!newest) throw new UpstreamError('invalid_playlist', "the camera's playlist lists no segments");
      if (newest.encrypted) throw new SnapshotError('snapshots of encrypted streams are not supported');
      const parts: Buffer[] = [];
      if (newest.map) parts.push((await this.#options.streams.media(camera, newest.map, arrival)).body);
      parts.push((await this.#options.streams.media(camera, newest.uri, arrival)).body);
      const body = await this.#withSlot(() => this.#frame(Buffer.concat(parts)));
      return { value: body, ttlMs: this.#options.ttlMs, bytes: body.length };
    });
    return { body: value, maxAgeMs: Math.max(0, expiresAt - Date.now()) };
  }

  close(): Promise<void> {
    return this.#cache.close();
  }

  #frame(media: Buffer): Promise<Buffer> {
    const width = this.#options.maxWidth ?? 640;
    return new Promise((resolve, reject) => {
      const ff = spawn(
        this.#options.ffmpegPath,
        [
          ...['-hide_banner', '-loglevel', 'error', '-i', 'pipe:0', '-frames:v', '1'],
          ...['-vf', `scale='min(${width},iw)':-2`, '-f', 'image2', '-c:v', 'mjpeg', '-q:v', '5', 'pipe:1'],
        ],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      );
      const out: Buffer[] = [];
      let err = '';
      const timer = setTimeout(() => ff.kill('SIGKILL'), FFMPEG_TIMEOUT_MS);
      ff.stdout.on('data', (c: Buffer) => out.push(c));
      ff.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-500)));
      ff.on('error', (e) => {
        clearTimeout(timer);
        reject(new SnapshotError(`ffmpeg could not run: ${e.message}`));
      });
      ff.on('close', (code) => {
        clearTimeout(timer);
        const jpeg = Buffer.concat(out);
        if (code === 0 && jpeg.length > 0) resolve(jpeg);
        else
          reject(
            new SnapshotError(
              `no frame could be decoded from the newest segment${err ? `: ${err.trim()}` : ''}`,
            ),
          );
      });
      // ffmpeg may stop reading once it has its frame: a broken pipe then is not an error.
      ff.stdin.on('error', () => {});
      ff.stdin.end(media);
    });
  }

  async #withSlot<T>(run: () => Promise<T>): Promise<T> {
    if (this.#running >= MAX_RUNNING) await new Promise<void>((resolve) => this.#queue.push(resolve));
    this.#running++;
    try {
      return await run();
    } finally {
      this.#running--;
      this.#queue.shift()?.();
    }
  }
}
