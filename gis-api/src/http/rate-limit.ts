// Per-key token buckets (key = client IP, or IP + username) for submission, login and upload limits.
// In memory, per process: with N instances the effective limit is N times the configured one, which is
// acceptable for abuse control and needs no shared store.
export interface RateLimit {
  /** Requests allowed in a burst. */
  burst: number;
  /** Sustained requests per minute. */
  perMinute: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the next request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #maxKeys: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
    maxKeys = 100_000,
  ) {
    if (limit.burst < 1 || limit.perMinute <= 0)
      throw new Error('rate limit needs burst >= 1 and perMinute > 0');
    this.#maxKeys = maxKeys;
  }

  /** Takes one token for `key` if there is one. */
  consume(key: string): RateDecision {
    const t = this.now();
    const perMs = this.limit.perMinute / 60_000;
    let b = this.#buckets.get(key);
    if (b) {
      b.tokens = Math.min(this.limit.burst, b.tokens + (t - b.updated) * perMs);
      b.updated = t;
      // Re-inserting keeps the Map in least-recently-used order for eviction below.
      this.#buckets.delete(key);
    } else {
      b = { tokens: this.limit.burst, updated: t };
    }
    this.#buckets.set(key, b);
    if (this.#buckets.size > this.#maxKeys) this.#buckets.delete(this.#buckets.keys().next().value!);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
  }
}
