// Checks every camera with a stream on a schedule — playlist read, media sequence advancing, newest segment
// fetched — through the same caches viewers use (a check warms them; it never doubles upstream load), and
// writes each change of status to the cameras table and the events log, so maps update live.
import type { Camera, CameraRepository } from '../camera.repository.ts';
import type { StreamService } from '../stream.service.ts';
import { judge, type Probe, type Progress, type Verdict } from './camera-health.ts';

export interface HealthMonitorOptions {
  repository: Pick<CameraRepository, 'listStreaming' | 'recordHealth'>;
  streams: Pick<StreamService, 'mediaPlaylist' | 'media'>;
  intervalMs: number;
  now?: () => number;
  log?: (message: string, err?: unknown) => void;
}

/** Cameras checked at once: enough to finish a city in a few seconds, few enough not to burst a camera network. */
const CONCURRENCY = 8;
/** How often an unchanged online camera's last_seen_at is written. */
const SEEN_WRITE_MS = 60_000;

export class HealthMonitor {
  readonly #options: HealthMonitorOptions;
  readonly #now: () => number;
  readonly #progress = new Map<number, Progress>();
  readonly #seenWritten = new Map<number, number>();
  #timer: NodeJS.Timeout | undefined;
  #round: Promise<unknown> | undefined;
  #stopped = false;

  constructor(options: HealthMonitorOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Checks now and then every interval (after `after` settles, e.g. the simulator being ready). */
  start(after: Promise<unknown> = Promise.resolve()): void {
    if (this.#options.intervalMs <= 0) return;
    const loop = async () => {
      if (this.#stopped) return;
      this.#round = this.checkAll().catch((err) => this.#options.log?.('camera health round failed', err));
      await this.#round;
      if (!this.#stopped) this.#timer = setTimeout(loop, this.#options.intervalMs);
    };
    void after.then(loop, loop);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#round;
  }

  /** One round over every camera with a stream; returns the verdict per camera code. */
  async checkAll(): Promise<Map<string, Verdict>> {
    const cameras = await this.#options.repository.listStreaming();
    const verdicts = new Map<string, Verdict>();
    let next = 0;
    const worker = async () => {
      while (next < cameras.length && !this.#stopped) {
        const camera = cameras[next++]!;
        verdicts.set(camera.code, await this.check(camera));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, cameras.length) }, worker));
    return verdicts;
  }

  /** Checks one camera and records the result. */
  async check(camera: Camera): Promise<Verdict> {
    const started = this.#now();
    const verdict = judge(await this.#probe(camera, started), this.#progress.get(camera.id), this.#now());
    if (verdict.progress) this.#progress.set(camera.id, verdict.progress);
    await this.#record(camera, verdict).catch((err) =>
      this.#options.log?.(`could not record the health of camera ${camera.code}`, err),
    );
    return verdict;
  }

  async #probe(camera: Camera, arrival: number): Promise<Probe> {
    let served;
    try {
      served = await this.#options.streams.mediaPlaylist(camera, arrival);
    } catch (err) {
      return { ok: false, error: messageOf(err) };
    }
    const { playlist } = served;
    const last = playlist.segments.at(-1);
    let segmentError: string | undefined;
    if (last) {
      try {
        await this.#options.streams.media(camera, last.uri, this.#now());
      } catch (err) {
        segmentError = `the newest segment failed: ${messageOf(err)}`;
      }
    }
    return {
      ok: true,
      mediaSequence: playlist.mediaSequence,
      segmentCount: playlist.segments.length,
      lastSegment: last?.uri,
      targetDuration: playlist.targetDuration,
      endList: playlist.endList,
      segmentError,
    };
  }

  async #record(camera: Camera, verdict: Verdict): Promise<void> {
    const now = this.#now();
    const online = verdict.status === 'online';
    const changed = verdict.status !== camera.status || verdict.error !== camera.lastError;
    const seenDue = online && now - (this.#seenWritten.get(camera.id) ?? 0) >= SEEN_WRITE_MS;
    if (!changed && !seenDue) return;
    await this.#options.repository.recordHealth(camera, {
      status: verdict.status,
      error: verdict.error,
      seenAt: online ? new Date(now) : undefined,
    });
    if (online) this.#seenWritten.set(camera.id, now);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
