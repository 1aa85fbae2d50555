// The URIs the proxy has handed out, per camera: an opaque name in the proxy's URL stands for an upstream
// resource that a playlist from the camera's registered origin named. A request can only pick among these;
// it never supplies a URL. Names are derived from the resource, so every proxy instance mints the same ones.
import crypto from 'node:crypto';
import type { ResourceRef } from './playlist.rewriter.ts';

export interface RegisteredResource {
  readonly ref: ResourceRef;
  /** Until when the name is honoured: RFC 8216 §6.2.2 availability after it leaves the playlist. */
  readonly expiresAt: number;
  /** How long a fetched copy must be kept from when it is fetched (see StreamService). */
  readonly keepMs: number;
}

/** Names per camera beyond which the oldest are forgotten (a playlist of thousands of entries is refused earlier). */
const MAX_PER_CAMERA = 20_000;

export class UriRegistry {
  readonly #cameras = new Map<number, Map<string, RegisteredResource>>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** The proxy file name for a resource: `v-<token>.m3u8` for playlists, `s-<token>.<ext>` for the rest. */
  static nameOf(cameraId: number, ref: ResourceRef): string {
    const range = ref.range ? `${ref.range.offset}+${ref.range.length}` : '';
    const token = crypto
      .createHash('sha256')
      .update(`${cameraId}\n${ref.kind}\n${ref.url}\n${range}`)
      .digest('base64url')
      .slice(0, 22);
    return ref.kind === 'playlist' ? `v-${token}.m3u8` : `s-${token}.${ref.ext}`;
  }

  /** Records (or refreshes) resources seen in one playlist. */
  register(
    cameraId: number,
    entries: Iterable<[string, ResourceRef]>,
    honourMs: number,
    keepMs: number,
  ): void {
    let names = this.#cameras.get(cameraId);
    if (!names) this.#cameras.set(cameraId, (names = new Map()));
    const expiresAt = this.#now() + honourMs;
    for (const [name, ref] of entries) {
      names.delete(name); // re-insert: the Map's order is then the order last seen
      names.set(name, { ref, expiresAt, keepMs });
    }
    if (names.size > MAX_PER_CAMERA) this.#prune(names);
  }

  lookup(cameraId: number, name: string): RegisteredResource | undefined {
    const entry = this.#cameras.get(cameraId)?.get(name);
    return entry && entry.expiresAt > this.#now() ? entry : undefined;
  }

  #prune(names: Map<string, RegisteredResource>): void {
    const now = this.#now();
    for (const [name, entry] of names) if (entry.expiresAt <= now) names.delete(name);
    for (const name of names.keys()) {
      if (names.size <= MAX_PER_CAMERA) break;
      names.delete(name);
    }
  }
}
