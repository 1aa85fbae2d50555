// The hotspot statistics without a database: exact tails against direct sums, and the detectors on
// simulated maps — planted clusters must be found, uniform noise must give few false positives.
import { gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { detectEmerging, detectHotspots } from '../src/analytics/hotspot-detection.ts';
import { interpolate, locateRank, percentileRanks } from '../src/analytics/percentiles.ts';
import {
  benjaminiHochberg,
  hypergeometricUpperTail,
  normalUpperTail,
  trendZ,
} from '../src/analytics/statistics.ts';
import { poisson, rng } from './support/analytics-random.ts';

function directUpperTail(k: number, N: number, K: number, n: number): number {
  // Exact rational sums over BigInt binomial coefficients.
  const choose = (a: number, b: number): bigint => {
    if (b < 0 || b > a) return 0n;
    let r = 1n;
    for (let i = 1; i <= b; i++) r = (r * BigInt(a - b + i)) / BigInt(i);
    return r;
  };
  let tail = 0n;
  for (let x = k; x <= n; x++) tail += choose(K, x) * choose(N - K, n - x);
  const scale = 10n ** 30n;
  return Number((tail * scale) / choose(N, n)) / 1e30;
}

describe('statistics', () => {
  it.each([
    [3, 50, 10, 12],
    [8, 100, 20, 20],
    [2, 100, 20, 20],
    [30, 400, 80, 60],
    [1, 10, 5, 3],
    [55, 1000, 200, 150],
  ])('the hypergeometric upper tail P(X ≥ %i | N=%i, K=%i, n=%i) matches the exact sum', (k, N, K, n) => {
    expect(hypergeometricUpperTail(k, N, K, n)).toBeCloseTo(directUpperTail(k, N, K, n), 11);
  });

  it('the hypergeometric tail is 1 at the smallest possible k, 0 beyond the largest, and tiny far out', () => {
    expect(hypergeometricUpperTail(0, 100, 20, 10)).toBe(1);
    expect(hypergeometricUpperTail(11, 100, 20, 10)).toBe(0);
    expect(hypergeometricUpperTail(10, 100, 20, 10)).toBeCloseTo(directUpperTail(10, 100, 20, 10), 20);
    // Large tables (a million reports) stay finite and ordered.
    const far = hypergeometricUpperTail(900, 1_000_000, 200_000, 2000);
    expect(far).toBeGreaterThan(0);
    expect(far).toBeLessThan(1e-50);
    expect(hypergeometricUpperTail(300, 1_000_000, 200_000, 2000)).toBeGreaterThan(0.999);
  });

  it('the normal tail gives the textbook values', () => {
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
    expect(normalUpperTail(1.959964)).toBeCloseTo(0.025, 6);
    expect(normalUpperTail(-1.644854)).toBeCloseTo(0.95, 6);
    expect(normalUpperTail(5)).toBeCloseTo(2.8665e-7, 9);
  });

  it('Benjamini–Hochberg q-values match the worked example', () => {
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    expect(q.map((x) => Number(x.toFixed(4)))).toEqual([0.02, 0.04, 0.04, 0.02]);
  });

  it('the trend score is zero when a cell follows the area and positive when it rises', () => {
    const area = [400, 400, 400, 400];
    expect(trendZ([10, 10, 10, 10], area)).toBeCloseTo(0, 12);
    expect(trendZ([2, 5, 10, 20], area)).toBeGreaterThan(3);
    expect(trendZ([20, 10, 5, 2], area)).toBeLessThan(-3);
    // A cell that is the whole area cannot differ from it.
    expect(trendZ([2, 5, 10, 20], [2, 5, 10, 20])).toBe(0);
  });
});

describe('exact percentiles from a histogram', () => {
  // PostgreSQL's percentile_cont, written out.
  function percentileCont(sorted: number[], p: number): number {
    const h = p * (sorted.length - 1);
    const lo = Math.floor(h);
    const hi = Math.ceil(h);
    return lo === hi ? sorted[lo]! : sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
  }

  it('locating ranks bucket by bucket gives percentile_cont to the last bit', () => {
    const r = rng(7);
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      const values = Array.from({ length: n }, () => Math.exp(4 + r() * 10)).sort((a, b) => a - b);
      const bucketOf = (v: number) => Math.floor(Math.log(Math.max(v, 1)) * 20);
      const histogram = new Map<number, number>();
      for (const v of values) histogram.set(bucketOf(v), (histogram.get(bucketOf(v)) ?? 0) + 1);
      const inBucket = (b: number) => values.filter((v) => bucketOf(v) === b);
      for (const p of [0.5, 0.9]) {
        const ranks = percentileRanks(p, n);
        const at = (rank: number) => {
          const { bucket, offset } = locateRank(histogram, rank);
          return inBucket(bucket)[offset]!;
        };
        expect(interpolate(at(ranks.lower), at(ranks.upper), ranks)).toBe(percentileCont(values, p));
      }
    }
  });
});

describe('hotspot detection on simulated maps', () => {
  // 331 cells at resolution 8 around Hoàn Kiếm: Poisson counts, 5 per cell in the window, 20 in the
  // baseline (a 7-day window against 28 days). The planted cluster: +30 in one cell, +6 in each neighbour.
  const centre = latLngToCell(21.0285, 105.8542, 8);
  const area = gridDisk(centre, 10);
  const inside = new Set(area);
  const inArea = (c: string) => inside.has(c);
  const planted = gridDisk(centre, 4)[40]!;
  const ring = new Set(gridDisk(planted, 1));
  const near = new Set(gridDisk(planted, 2));

  function map(seed: number, plant: boolean) {
    const r = rng(seed);
    const w = new Map<string, number>();
    const b = new Map<string, number>();
    for (const cell of area) {
      w.set(cell, poisson(5, r) + (!plant ? 0 : cell === planted ? 30 : ring.has(cell) ? 6 : 0));
      b.set(cell, poisson(20, r));
    }
    return { w, b };
  }

  it('a planted cluster is found in every one of 100 maps, with few hotspots away from it', () => {
    let found = 0;
    let far = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const { w, b } = map(seed, true);
      const result = detectHotspots(w, b, 1, 0.05, inArea);
      if (result.hotspots.some((h) => h.cell === planted)) found++;
      far += result.hotspots.filter((h) => !near.has(h.cell)).length;
    }
    expect(found).toBe(100);
    // Cells whose neighbourhood does not touch the cluster: false discoveries, ~0.15 a map.
    expect(far / 100).toBeLessThan(0.3);
  });

  it('uniform noise: a false hotspot in at most ~alpha of 100 maps, and raw p < 0.05 in at most ~5 % of cells', () => {
    let mapsWithFalse = 0;
    let small = 0;
    let tests = 0;
    for (let seed = 1001; seed <= 1100; seed++) {
      const { w, b } = map(seed, false);
      if (detectHotspots(w, b, 1, 0.05, inArea).hotspots.length > 0) mapsWithFalse++;
      // alpha 1: every cell is tested and returned, so the raw p-values can be checked for calibration.
      const all = detectHotspots(w, b, 1, 1, inArea);
      tests += all.tested;
      small += all.hotspots.filter((h) => h.pValue < 0.05).length;
    }
    // Under the global null BH bounds the chance of any discovery by alpha: ~5 of 100 maps.
    expect(mapsWithFalse).toBeLessThanOrEqual(9);
    expect(small / tests).toBeLessThanOrEqual(0.055);
  }, 30_000);
});

describe('emerging hotspot detection on simulated maps', () => {
  // 217 cells, 6 reports per cell in each of 4 windows; the planted cell rises by 0, 5, 15, 30 and
  // its neighbours by 0, 1, 3, 6.
  const centre = latLngToCell(21.0285, 105.8542, 8);
  const area = gridDisk(centre, 8);
  const inside = new Set(area);
  const inArea = (c: string) => inside.has(c);
  const planted = gridDisk(centre, 3)[20]!;
  const ring = new Set(gridDisk(planted, 1));

  function series(seed: number, plant: boolean) {
    const r = rng(seed);
    const s = new Map<string, number[]>();
    for (const cell of area) {
      const extra = !plant
        ? [0, 0, 0, 0]
        : cell === planted
          ? [0, 5, 15, 30]
          : ring.has(cell)
            ? [0, 1, 3, 6]
            : [0, 0, 0, 0];
      s.set(
        cell,
        extra.map((e) => poisson(6, r) + e),
      );
    }
    return s;
  }

  it('a rising cell is found in every one of 100 maps, still above expectation in the last window', () => {
    let found = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const hit = detectEmerging(series(seed, true), 4, 1, 0.05, inArea).hotspots.find(
        (h) => h.cell === planted,
      );
      if (!hit) continue;
      found++;
      expect(hit.counts[3]).toBeGreaterThan(hit.expected[3]!);
      expect(hit.consecutiveRises).toBeGreaterThanOrEqual(1);
    }
    expect(found).toBe(100);
  });

  it('steady noise gives a false emerging hotspot in at most ~alpha of 100 maps', () => {
    let mapsWithFalse = 0;
    for (let seed = 2001; seed <= 2100; seed++) {
      if (detectEmerging(series(seed, false), 4, 1, 0.05, inArea).hotspots.length > 0) mapsWithFalse++;
    }
    expect(mapsWithFalse).toBeLessThanOrEqual(9);
  }, 30_000);
});
