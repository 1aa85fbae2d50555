// Token buckets allow a burst, then the sustained rate, per key, and say when to retry.
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/http/rate-limit.ts';

describe('RateLimiter', () => {
  it('allows the burst, refuses the next with a retry time, and refills at the sustained rate', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, perMinute: 6 }, () => now);
    expect([1, 2, 3].map(() => limiter.consume('1.2.3.4').allowed)).toEqual([true, true, true]);
    expect(limiter.consume('1.2.3.4')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now = 10_000;
    expect(limiter.consume('1.2.3.4').allowed).toBe(true);
    expect(limiter.consume('1.2.3.4').allowed).toBe(false);
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 1 }, () => 0);
    expect(limiter.consume('a').allowed).toBe(true);
    expect(limiter.consume('a').allowed).toBe(false);
    expect(limiter.consume('b').allowed).toBe(true);
  });

  it('forgets the least recently used keys past its bound instead of growing without end', () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 1 }, () => 0, 2);
    limiter.consume('a');
    limiter.consume('b');
    limiter.consume('c');
    // 'a' was evicted, so it starts with a full bucket again.
    expect(limiter.consume('a').allowed).toBe(true);
    expect(limiter.consume('c').allowed).toBe(false);
  });
});
