// The shared cache behind every viewer: N concurrent requests for one key make one load (coalescing), results
// are kept for the lifetime the loader gives them — optionally served a little longer while one request
// refreshes them in the background — and the whole cache stays within a byte budget, dropping expired
// entries first and then the least recently used.
export interface Loaded<T> {
  readonly value: T;
  /** How long to keep it; 0 = do not keep (still shared with requests that joined the load). */
  readonly ttlMs: number;
  readonly bytes: number;
  /** After its lifetime, how long it may still be served while a refresh runs (stale-while-revalidate). */
  readonly staleMs?: number;
}

export type CacheOutcome = 'hit' | 'stale' | 'miss' | 'coalesced';

export interface CacheStats {
  hits: number;
  /** Served past their lifetime while a refresh ran. */
  stale: number;
  misses: number;
  coalesced: number;
  /** Entries dropped for the byte budget while still within their lifetime. */
  evictedEarly: number;
}

interface Entry<T> {
  readonly value: T;
  readonly bytes: number;
  readonly expiresAt: number;
  readonly staleUntil: number;
}

// Map bookkeeping per entry, so that many tiny entries still count against the budget.
const ENTRY_OVERHEAD = 200;

export class SharedCache<T> {
  readonly #maxBytes: number;
  readonly #now: () => number;
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  readonly #entries = new Map<string, Entry<T>>();
  readonly #inflight = new Map<string, Promise<Loaded<T>>>();
  #bytes = 0;
  readonly stats: CacheStats = { hits: 0, stale: 0, misses: 0, coalesced: 0, evictedEarly: 0 };

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

  /** The cached value, or `load()`'s result shared by every caller asking while it runs. */
  async get(
    key: string,
    load: () => Promise<Loaded<T>>,
  ): Promise<{ value: T; outcome: CacheOutcome; expiresAt: number }> {
    const entry = this.#entries.get(key);
    if (entry) {
      const now = this.#now();
      if (now < entry.expiresAt) {
        this.#touch(key, entry);
        this.stats.hits++;
        return { value: entry.value, outcome: 'hit', expiresAt: entry.expiresAt };
      }
      if (now < entry.staleUntil) {
        this.#touch(key, entry);
        this.stats.stale++;
        if (!this.#inflight.has(key)) void this.#load(key, load).catch(() => this.#drop(key));
        return { value: entry.value, outcome: 'stale', expiresAt: now };
      }
      this.#drop(key);
    }
    const running = this.#inflight.get(key);
    if (running) {
      this.stats.coalesced++;
      const loaded = await running;
      return { value: loaded.value, outcome: 'coalesced', expiresAt: this.#now() + loaded.ttlMs };
    }
    this.stats.misses++;
    const loaded = await this.#load(key, load);
    return { value: loaded.value, outcome: 'miss', expiresAt: this.#now() + loaded.ttlMs };
  }

  /** Waits for loads under way (their callers still get answers), then empties the cache. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#inflight.values()]);
    this.#entries.clear();
    this.#bytes = 0;
  }

  async #load(key: string, load: () => Promise<Loaded<T>>): Promise<Loaded<T>> {
    const flight = load();
    this.#inflight.set(key, flight);
    try {
      const loaded = await flight;
      this.#store(key, loaded);
      return loaded;
    } finally {
      this.#inflight.delete(key);
    }
  }

  #touch(key: string, entry: Entry<T>): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
  }

  #drop(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  #store(key: string, loaded: Loaded<T>): void {
    const bytes = loaded.bytes + key.length * 2 + ENTRY_OVERHEAD;
    this.#drop(key);
    if (loaded.ttlMs <= 0 || bytes > this.#maxBytes) return;
    const now = this.#now();
    const expiresAt = now + loaded.ttlMs;
    this.#entries.set(key, {
      value: loaded.value,
      bytes,
      expiresAt,
      staleUntil: expiresAt + (loaded.staleMs ?? 0),
    });
    this.#bytes += bytes;
    if (this.#bytes <= this.#maxBytes) return;
    for (const [k, e] of this.#entries) {
      if (e.staleUntil > now) continue;
      this.#entries.delete(k);
      this.#bytes -= e.bytes;
    }
    for (const [k, e] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(k);
      this.#bytes -= e.bytes;
      this.stats.evictedEarly++;
    }
  }
}
