// The in-memory tile cache: least-recently-used, bounded by bytes, coalescing concurrent misses of the same
// tile into one render, with invalidation by layer and area as the seam for the event log.
import { bboxesIntersect, tileBbox, type Bbox, type TileAddress } from './tile-address.ts';

export interface CachedTile {
  /** The uncompressed MVT; empty when the tile has no features. */
  readonly body: Buffer;
  /** The same bytes gzipped, when that is smaller. */
  readonly gzip: Buffer | undefined;
  /** Strong ETag of `body`, quoted. */
  readonly etag: string;
}

export interface TileKey {
  readonly layer: string;
  readonly tile: TileAddress;
  /** Canonical query string of the filters ('' for none). */
  readonly query: string;
}

export interface Invalidation {
  /** Layers to drop tiles of; all when omitted. */
  readonly layers?: readonly string[];
  /** Only tiles whose area (with their buffer) touches this box, in degrees; every tile when omitted. */
  readonly bbox?: Bbox;
}

export type CacheOutcome = 'hit' | 'miss' | 'coalesced';

interface Entry {
  readonly key: TileKey;
  readonly tile: CachedTile;
  readonly bytes: number;
  readonly expiresAt: number;
}

interface Inflight {
  readonly key: TileKey;
  readonly promise: Promise<CachedTile>;
  /** Set when an invalidation arrives mid-render: the result is served to its waiters but not kept. */
  stale: boolean;
}

// Map bookkeeping per entry, so that thousands of tiny (empty) tiles still count against the budget.
const ENTRY_OVERHEAD = 200;
// Features within this many tile units of the edge are drawn in the neighbour tile too.
const TILE_BUFFER = 64;

export class TileCache {
  readonly #maxBytes: number;
  readonly #now: () => number;
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  readonly #entries = new Map<string, Entry>();
  readonly #inflight = new Map<string, Inflight>();
  #bytes = 0;

  constructor(options: { maxBytes: number; now?: () => number }) {
    this.#maxBytes = options.maxBytes;
    this.#now = options.now ?? Date.now;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached tile, or `render()`'s result (shared by every caller asking while it runs), kept for `ttlMs`. */
  async get(
    key: TileKey,
    ttlMs: number,
    render: () => Promise<CachedTile>,
  ): Promise<{ tile: CachedTile; outcome: CacheOutcome }> {
    const id = keyString(key);
    const entry = this.#entries.get(id);
    if (entry) {
      this.#entries.delete(id);
      if (this.#now() < entry.expiresAt) {
        this.#entries.set(id, entry);
        return { tile: entry.tile, outcome: 'hit' };
      }
      this.#bytes -= entry.bytes;
    }
    const running = this.#inflight.get(id);
    if (running) return { tile: await running.promise, outcome: 'coalesced' };

    const flight: Inflight = { key, promise: render(), stale: false };
    this.#inflight.set(id, flight);
    try {
      const tile = await flight.promise;
      if (!flight.stale) this.#store(id, key, tile, ttlMs);
      return { tile, outcome: 'miss' };
    } finally {
      if (this.#inflight.get(id) === flight) this.#inflight.delete(id);
    }
  }

  /** Drops matching tiles, and keeps renders already under way from storing what may be stale. Returns the count dropped. */
  invalidate(match: Invalidation = {}): number {
    const hits = (key: TileKey) =>
      (!match.layers || match.layers.includes(key.layer)) &&
      (!match.bbox || bboxesIntersect(tileBbox(key.tile, TILE_BUFFER), match.bbox));
    let dropped = 0;
    for (const [id, entry] of this.#entries) {
      if (!hits(entry.key)) continue;
      this.#entries.delete(id);
      this.#bytes -= entry.bytes;
      dropped++;
    }
    for (const [id, flight] of this.#inflight) {
      if (!hits(flight.key)) continue;
      flight.stale = true;
      this.#inflight.delete(id);
    }
    return dropped;
  }

  /** Waits for renders under way (their callers still get answers), then empties the cache. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#inflight.values()].map((f) => f.promise));
    this.#entries.clear();
    this.#bytes = 0;
  }

  #store(id: string, key: TileKey, tile: CachedTile, ttlMs: number): void {
    const bytes = tile.body.length + (tile.gzip?.length ?? 0) + id.length * 2 + ENTRY_OVERHEAD;
    if (ttlMs <= 0 || bytes > this.#maxBytes) return;
    const old = this.#entries.get(id);
    if (old) {
      this.#entries.delete(id);
      this.#bytes -= old.bytes;
    }
    this.#entries.set(id, { key, tile, bytes, expiresAt: this.#now() + ttlMs });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }
}

function keyString({ layer, tile, query }: TileKey): string {
  return `${layer}/${tile.z}/${tile.x}/${tile.y}?${query}`;
}
