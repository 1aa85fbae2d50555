// Playlists and media of one camera through the shared caches: a playlist is fetched from the camera's
// registered URL and rewritten, fresh for about half a target duration; every segment, key and init section is
// fetched once and kept at least as long as RFC 8216 §6.2.2 asks, within the cache's byte budget. Each copy
// carries a strong ETag computed once, so no response hashes its body again.
import crypto from 'node:crypto';
import type { Camera } from './camera.repository.ts';
import { originOf } from './config.ts';
import { rewritePlaylist, type ResourceRef, type RewrittenPlaylist } from './hls/playlist.rewriter.ts';
import { SharedCache, type CacheStats } from './hls/shared.cache.ts';
import { UriRegistry } from './hls/uri.registry.ts';
import type { UpstreamClient } from './upstream/upstream.client.ts';
import { UpstreamError } from './upstream/upstream.error.ts';

export interface StreamSettings {
  readonly upstreamTimeoutMs: number;
  readonly segmentTimeoutMs: number;
  readonly maxPlaylistBytes: number;
  readonly maxSegmentBytes: number;
  readonly cacheBytes: number;
}

export interface ServedPlaylist {
  readonly playlist: RewrittenPlaylist;
  /** Bytes to send. */
  readonly body: Buffer;
  readonly etag: string;
  /** How long it stays fresh from now, for Cache-Control. */
  readonly maxAgeMs: number;
}

export interface ServedMedia {
  readonly body: Buffer;
  readonly etag: string;
  readonly contentType: string;
  readonly maxAgeMs: number;
}

/** The answer to a name the camera's playlists never gave out (or gave out too long ago). */
export class UnknownResourceError extends Error {
  override name = 'UnknownResourceError';
}

type PlaylistResult =
  { ok: true; playlist: RewrittenPlaylist; body: Buffer; etag: string } | { ok: false; error: UpstreamError };

/** A viewer's answer leaves this long before its deadline, so "within the timeout" holds at the viewer. */
const RESPONSE_MARGIN_MS = 50;
/** How long a failed playlist fetch is remembered, so a dead camera answers at once instead of per viewer. */
const FAILURE_TTL_MS = 1000;
/** Master playlists rarely change. */
const MASTER_TTL_MS = 5000;

const CONTENT_TYPES: Record<string, string> = {
  ts: 'video/mp2t',
  m4s: 'video/iso.segment',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  cmfv: 'video/mp4',
  m4a: 'audio/mp4',
  cmfa: 'audio/mp4',
  aac: 'audio/aac',
  ac3: 'audio/ac3',
  ec3: 'audio/eac3',
  mp3: 'audio/mpeg',
  vtt: 'text/vtt',
  webvtt: 'text/vtt',
  json: 'application/json',
};

export class StreamService {
  readonly #client: UpstreamClient;
  readonly #settings: StreamSettings;
  readonly #now: () => number;
  readonly #registry: UriRegistry;
  readonly #playlists: SharedCache<PlaylistResult>;
  readonly #media: SharedCache<{ body: Buffer; etag: string }>;

  constructor(options: { client: UpstreamClient; settings: StreamSettings; now?: () => number }) {
    this.#client = options.client;
    this.#settings = options.settings;
    this.#now = options.now ?? Date.now;
    this.#registry = new UriRegistry(this.#now);
    // Playlists are small; their budget is separate so that segments cannot push them out.
    this.#playlists = new SharedCache({ maxBytes: 64 * 1024 * 1024, now: this.#now });
    this.#media = new SharedCache({ maxBytes: options.settings.cacheBytes, now: this.#now });
  }

  get stats(): { playlists: CacheStats; media: CacheStats; mediaBytes: number; upstreamRequests: number } {
    return {
      playlists: this.#playlists.stats,
      media: this.#media.stats,
      mediaBytes: this.#media.bytes,
      upstreamRequests: this.#client.sent,
    };
  }

  /** `index.m3u8` (the registered URL) or a `v-….m3u8` the camera's master playlist named. */
  async playlist(camera: Camera, name: string, arrival: number): Promise<ServedPlaylist> {
    const upstreamUrl = requireStream(camera);
    let url = upstreamUrl;
    if (name !== 'index.m3u8') {
      const entry = await this.#find(camera, name, arrival);
      if (entry.ref.kind !== 'playlist') throw new UnknownResourceError(name);
      url = entry.ref.url;
    }
    const key = `${camera.id}\n${upstreamUrl}\n${name}`;
    const { value, expiresAt } = await this.#playlists.get(key, () =>
      this.#loadPlaylist(camera, url, arrival),
    );
    if (!value.ok) throw value.error;
    const maxAgeMs = Math.max(0, expiresAt - this.#now());
    return { playlist: value.playlist, body: value.body, etag: value.etag, maxAgeMs };
  }

  /** A segment, key, init section… named in one of the camera's playlists. */
  async media(camera: Camera, name: string, arrival: number): Promise<ServedMedia> {
    requireStream(camera);
    const entry = await this.#find(camera, name, arrival);
    if (entry.ref.kind !== 'media') throw new UnknownResourceError(name);
    const { ref, keepMs } = entry;
    const headersBy = arrival + this.#settings.upstreamTimeoutMs - RESPONSE_MARGIN_MS;
    const { value, expiresAt } = await this.#media.get(`${camera.id}\n${name}`, async () => {
      const res = await this.#client.fetch({
        url: ref.url,
        origin: originOf(camera.upstreamUrl!)!,
        range: ref.range,
        maxBytes: this.#settings.maxSegmentBytes,
        headersBy,
        bodyBy: Math.max(headersBy, arrival + this.#settings.segmentTimeoutMs),
      });
      return { value: { body: res.body, etag: etagOf(res.body) }, ttlMs: keepMs, bytes: res.body.length };
    });
    return {
      body: value.body,
      etag: value.etag,
      contentType: CONTENT_TYPES[ref.ext] ?? 'application/octet-stream',
      maxAgeMs: Math.max(0, expiresAt - this.#now()),
    };
  }

  /** The camera's media playlist: itself, or for a master playlist its lowest-bandwidth variant. */
  async mediaPlaylist(camera: Camera, arrival: number): Promise<ServedPlaylist> {
    const index = await this.playlist(camera, 'index.m3u8', arrival);
    if (index.playlist.kind === 'media') return index;
    const variant = [...index.playlist.variants].sort((a, b) => a.bandwidth - b.bandwidth)[0];
    if (!variant)
      throw new UpstreamError('invalid_playlist', "the camera's master playlist lists no streams");
    return this.playlist(camera, variant.uri, arrival);
  }

  async close(): Promise<void> {
    await Promise.all([this.#playlists.close(), this.#media.close()]);
  }

  /** The registered resource behind a name; a name not seen yet makes the playlists be read once more. */
  async #find(camera: Camera, name: string, arrival: number) {
    const known = this.#registry.lookup(camera.id, name);
    if (known) return known;
    // This instance may not have read the playlist that named it (a restart, another proxy instance).
    const index = await this.playlist(camera, 'index.m3u8', arrival);
    for (const variant of index.playlist.variants.slice(0, 16)) {
      if (this.#registry.lookup(camera.id, name)) break;
      await this.playlist(camera, variant.uri, arrival).catch(() => undefined);
    }
    const found = this.#registry.lookup(camera.id, name);
    if (!found) throw new UnknownResourceError(name);
    return found;
  }

  async #loadPlaylist(camera: Camera, url: string, arrival: number) {
    try {
      const deadline = arrival + this.#settings.upstreamTimeoutMs - RESPONSE_MARGIN_MS;
      const origin = originOf(camera.upstreamUrl!)!;
      const res = await this.#client.fetch({
        url,
        origin,
        maxBytes: this.#settings.maxPlaylistBytes,
        headersBy: deadline,
        bodyBy: deadline,
      });
      const seen: [string, ResourceRef][] = [];
      const playlist = rewritePlaylist(res.body.toString('utf8'), {
        baseUrl: res.url,
        origin,
        register: (ref) => {
          const name = UriRegistry.nameOf(camera.id, ref);
          seen.push([name, ref]);
          return name;
        },
      });
      this.#registerSeen(camera, playlist, seen);
      const ttlMs =
        playlist.kind === 'master'
          ? MASTER_TTL_MS
          : Math.min(5000, Math.max(250, (playlist.targetDuration * 1000) / 2));
      const body = Buffer.from(playlist.text, 'utf8');
      return {
        value: { ok: true, playlist, body, etag: etagOf(body) } as PlaylistResult,
        ttlMs,
        bytes: body.length * 2,
        // Past its half target duration it is still served for as long again while one viewer's request
        // refreshes it, so viewers do not queue behind the camera every reload (nginx: use_stale updating).
        staleMs: ttlMs,
      };
    } catch (err) {
      const error =
        err instanceof UpstreamError ? err : new UpstreamError('unreachable', 'the camera could not be read');
      return { value: { ok: false, error } as PlaylistResult, ttlMs: FAILURE_TTL_MS, bytes: 256 };
    }
  }

  /**
   * RFC 8216 §6.2.2: a segment must stay available for its duration plus the playlist's duration after it
   * leaves the playlist. A name is honoured that long after the last playlist that listed it (plus a target
   * duration for our own playlist cache); a fetched copy is kept twice the playlist span plus two targets
   * from the fetch, which covers a segment fetched at the live edge and requested until the very end.
   */
  #registerSeen(camera: Camera, playlist: RewrittenPlaylist, seen: [string, ResourceRef][]): void {
    const target = playlist.targetDuration * 1000;
    const span = playlist.duration * 1000;
    if (playlist.kind === 'master') {
      this.#registry.register(camera.id, seen, 10 * 60_000, MASTER_TTL_MS);
      return;
    }
    const honourMs = playlist.endList ? Math.max(10 * 60_000, span) : span + 2 * target;
    const keepMs = playlist.endList ? honourMs : 2 * span + 2 * target;
    this.#registry.register(camera.id, seen, honourMs, keepMs);
  }
}

function etagOf(body: Buffer): string {
  return `"${crypto.createHash('sha1').update(body).digest('base64url')}"`;
}

function requireStream(camera: Camera): string {
  if (!camera.upstreamUrl || !originOf(camera.upstreamUrl)) {
    throw new UpstreamError('refused', 'the camera has no usable stream registered');
  }
  return camera.upstreamUrl;
}
