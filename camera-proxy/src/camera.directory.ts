// Camera lookups for every viewer request, remembered for a few seconds: a segment request should not cost a
// database round trip, and a registry change (a new upstream URL, a camera made private) shows within seconds.
import type { Camera } from './camera.repository.ts';

export interface CameraSource {
  find(idOrCode: string): Promise<Camera | undefined>;
}

const TTL_MS = 5000;
const MAX_ENTRIES = 10_000;

export class CameraDirectory implements CameraSource {
  readonly #source: CameraSource;
  readonly #now: () => number;
  readonly #entries = new Map<string, { at: number; camera: Promise<Camera | undefined> }>();

  constructor(source: CameraSource, now: () => number = Date.now) {
    this.#source = source;
    this.#now = now;
  }

  find(idOrCode: string): Promise<Camera | undefined> {
    const now = this.#now();
    const hit = this.#entries.get(idOrCode);
    if (hit && now - hit.at < TTL_MS) return hit.camera;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    // The promise itself is cached, so concurrent first requests share one query; a failure is not kept.
    const camera = this.#source.find(idOrCode);
    this.#entries.set(idOrCode, { at: now, camera });
    camera.catch(() => this.#entries.delete(idOrCode));
    return camera;
  }

  /** Forgets everything (after the registry changed under us, e.g. the simulator registered its streams). */
  clear(): void {
    this.#entries.clear();
  }
}
