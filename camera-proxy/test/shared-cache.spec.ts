// One load for many concurrent askers, kept for the lifetime its loader gives, within a byte budget that
// drops expired entries before live ones and counts any live entry it had to drop.
import { describe, expect, it } from 'vitest';
import { SharedCache } from '../src/hls/shared.cache.ts';

const bytes = (n: number) => Buffer.alloc(n);

describe('SharedCache', () => {
  it('coalesces concurrent requests for one key into one load', async () => {
    const cache = new SharedCache<Buffer>({ maxBytes: 1e6 });
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const load = async () => {
      loads++;
      await gate;
      return { value: bytes(10), ttlMs: 1000, bytes: 10 };
    };
    const all = Promise.all(Array.from({ length: 50 }, () => cache.get('seg', load)));
    release();
    const results = await all;
    expect(loads).toBe(1);
    expect(results.filter((r) => r.outcome === 'miss')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'coalesced')).toHaveLength(49);
    expect((await cache.get('seg', load)).outcome).toBe('hit');
    expect(cache.stats).toMatchObject({ misses: 1, coalesced: 49, hits: 1 });
  });

  it('shares a failed load with everyone waiting on it and keeps nothing', async () => {
    const cache = new SharedCache<Buffer>({ maxBytes: 1e6 });
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('camera down');
    };
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => cache.get('k', load)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(loads).toBe(1);
    await cache.get('k', load).catch(() => undefined);
    expect(loads).toBe(2);
  });

  it('keeps an entry for its lifetime and loads again after', async () => {
    let now = 0;
    const cache = new SharedCache<Buffer>({ maxBytes: 1e6, now: () => now });
    let loads = 0;
    const load = async () => ({ value: bytes(1), ttlMs: 100, bytes: 1 + loads++ * 0 });
    await cache.get('k', load);
    now = 99;
    expect((await cache.get('k', load)).outcome).toBe('hit');
    now = 100;
    expect((await cache.get('k', load)).outcome).toBe('miss');
    expect(loads).toBe(2);
  });

  it('serves a stale entry during its grace period while one request refreshes it', async () => {
    let now = 0;
    const cache = new SharedCache<number>({ maxBytes: 1e6, now: () => now });
    let loads = 0;
    let release!: () => void;
    const load = async () => {
      loads++;
      if (loads > 1) await new Promise<void>((r) => (release = r));
      return { value: loads, ttlMs: 500, staleMs: 500, bytes: 1 };
    };
    await cache.get('pl', load);
    now = 600; // expired, within grace
    const stale = await Promise.all([cache.get('pl', load), cache.get('pl', load)]);
    expect(stale.map((r) => [r.value, r.outcome])).toEqual([
      [1, 'stale'],
      [1, 'stale'],
    ]);
    expect(loads).toBe(2);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.get('pl', load)).toMatchObject({ value: 2, outcome: 'hit' });
    now = 600 + 1001; // past lifetime and grace: a plain miss
    expect((await cache.get('pl', async () => ({ value: 3, ttlMs: 500, bytes: 1 }))).outcome).toBe('miss');
  });

  it('stays within its byte budget, dropping expired entries before live ones', async () => {
    let now = 0;
    const cache = new SharedCache<Buffer>({ maxBytes: 3000, now: () => now });
    const put = (key: string, ttlMs: number) =>
      cache.get(key, async () => ({ value: bytes(700), ttlMs, bytes: 700 }));
    await put('old', 10);
    await put('a', 1000);
    await put('b', 1000);
    now = 20; // 'old' has expired, 'a' and 'b' have not
    await put('c', 1000);
    expect(cache.bytes).toBeLessThanOrEqual(3000);
    expect(cache.stats.evictedEarly).toBe(0);
    expect((await put('a', 1000)).outcome).toBe('hit');
    await put('d', 1000); // over budget with nothing expired: the least recently used live one goes
    expect(cache.stats.evictedEarly).toBe(1);
    expect((await put('b', 1000)).outcome).toBe('miss');
  });

  it('does not keep what is larger than the whole budget or has no lifetime', async () => {
    const cache = new SharedCache<Buffer>({ maxBytes: 1000 });
    await cache.get('big', async () => ({ value: bytes(2000), ttlMs: 1000, bytes: 2000 }));
    await cache.get('now', async () => ({ value: bytes(1), ttlMs: 0, bytes: 1 }));
    expect(cache.size).toBe(0);
  });
});
