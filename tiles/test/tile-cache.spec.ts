// The tile cache: bounded by bytes with least-recently-used eviction, coalesced misses, expiry and invalidation.
import { describe, expect, it } from 'vitest';
import { tileAt, tileBbox } from '../src/tile-address.ts';
import { TileCache, type CachedTile, type TileKey } from '../src/tile.cache.ts';

const tile = (bytes: number, tag = 'x'): CachedTile => ({
  body: Buffer.alloc(bytes, 1),
  gzip: undefined,
  etag: `"${tag}"`,
});
const key = (x: number, layer = 'facilities', z = 12, y = 1803): TileKey => ({
  layer,
  tile: { z, x, y },
  query: '',
});
const render = (t: CachedTile) => async () => t;

describe('TileCache', () => {
  it('serves a second request for the same tile from memory', async () => {
    const cache = new TileCache({ maxBytes: 1e6 });
    let renders = 0;
    const r = async () => (renders++, tile(100));
    expect((await cache.get(key(1), Infinity, r)).outcome).toBe('miss');
    expect((await cache.get(key(1), Infinity, r)).outcome).toBe('hit');
    expect(renders).toBe(1);
  });

  it('concurrent misses of the same tile share one render', async () => {
    const cache = new TileCache({ maxBytes: 1e6 });
    let renders = 0;
    let finish!: (t: CachedTile) => void;
    const r = () => (renders++, new Promise<CachedTile>((resolve) => (finish = resolve)));
    const all = Promise.all([1, 2, 3].map(() => cache.get(key(1), Infinity, r)));
    finish(tile(10));
    const results = await all;
    expect(renders).toBe(1);
    expect(results.map((x) => x.outcome).sort()).toEqual(['coalesced', 'coalesced', 'miss']);
  });

  it('a failed render reaches every waiter and is not cached', async () => {
    const cache = new TileCache({ maxBytes: 1e6 });
    const failing = async () => {
      throw new Error('db down');
    };
    const results = await Promise.allSettled([
      cache.get(key(1), Infinity, failing),
      cache.get(key(1), Infinity, failing),
    ]);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect((await cache.get(key(1), Infinity, render(tile(1)))).outcome).toBe('miss');
  });

  it('stays within its byte budget by evicting the least recently used tile', async () => {
    const cache = new TileCache({ maxBytes: 3000 });
    await cache.get(key(1), Infinity, render(tile(1000)));
    await cache.get(key(2), Infinity, render(tile(1000)));
    await cache.get(key(1), Infinity, render(tile(1000))); // 1 is now the most recent
    await cache.get(key(3), Infinity, render(tile(1000)));
    expect(cache.bytes).toBeLessThanOrEqual(3000);
    expect((await cache.get(key(1), Infinity, render(tile(1000)))).outcome).toBe('hit');
    expect((await cache.get(key(2), Infinity, render(tile(1000)))).outcome).toBe('miss');
  });

  it('does not keep a tile larger than the whole budget, and keeps nothing with a zero budget', async () => {
    const cache = new TileCache({ maxBytes: 1000 });
    await cache.get(key(1), Infinity, render(tile(5000)));
    expect(cache.size).toBe(0);
    const off = new TileCache({ maxBytes: 0 });
    await off.get(key(1), Infinity, render(tile(1)));
    expect(off.size).toBe(0);
  });

  it('renders again once a live tile outlives its time to live', async () => {
    let now = 0;
    const cache = new TileCache({ maxBytes: 1e6, now: () => now });
    await cache.get(key(1), 30_000, render(tile(10)));
    now = 29_999;
    expect((await cache.get(key(1), 30_000, render(tile(10)))).outcome).toBe('hit');
    now = 30_000;
    expect((await cache.get(key(1), 30_000, render(tile(10)))).outcome).toBe('miss');
  });

  it('invalidation by area drops the tiles over a point at every zoom and leaves the rest', async () => {
    const cache = new TileCache({ maxBytes: 1e6 });
    const hoanKiem = [105.852, 21.028] as const;
    const over = [10, 12, 14, 16].map((z) => tileAt(hoanKiem[0], hoanKiem[1], z));
    for (const t of over)
      await cache.get({ layer: 'reports', tile: t, query: '' }, Infinity, render(tile(10)));
    const far = tileAt(106.7, 10.77, 12); // TP.HCM
    await cache.get({ layer: 'reports', tile: far, query: '' }, Infinity, render(tile(10)));
    await cache.get({ layer: 'basemap', tile: over[1]!, query: '' }, Infinity, render(tile(10)));

    const dropped = cache.invalidate({ layers: ['reports'], bbox: [...hoanKiem, ...hoanKiem] });
    expect(dropped).toBe(4);
    expect(
      (await cache.get({ layer: 'reports', tile: far, query: '' }, Infinity, render(tile(10)))).outcome,
    ).toBe('hit');
    expect(
      (await cache.get({ layer: 'basemap', tile: over[1]!, query: '' }, Infinity, render(tile(10)))).outcome,
    ).toBe('hit');
  });

  it('a point in the buffer of a neighbouring tile invalidates that tile too', async () => {
    const cache = new TileCache({ maxBytes: 1e6 });
    const t = tileAt(105.85, 21.03, 14);
    const [, s, e, n] = tileBbox(t);
    const lat = (s + n) / 2;
    await cache.get({ layer: 'reports', tile: t, query: '' }, Infinity, render(tile(10)));
    expect(cache.invalidate({ bbox: [e + 1e-5, lat, e + 1e-5, lat] })).toBe(1);
  });

  it('a render under way when its area is invalidated answers its callers but is not kept', async () => {
    const cache = new TileCache({ maxBytes: 1e6 });
    let finish!: (t: CachedTile) => void;
    const pending = cache.get(
      key(1),
      Infinity,
      () => new Promise<CachedTile>((resolve) => (finish = resolve)),
    );
    cache.invalidate({ layers: ['facilities'] });
    finish(tile(10, 'old'));
    expect((await pending).tile.etag).toBe('"old"');
    const next = await cache.get(key(1), Infinity, render(tile(10, 'new')));
    expect(next).toMatchObject({ outcome: 'miss', tile: { etag: '"new"' } });
  });
});
