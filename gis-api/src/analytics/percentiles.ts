// Exact percentiles in two steps: a histogram says which bucket holds each wanted rank, an ordered
// read of that bucket gives the value. The answer is PostgreSQL's percentile_cont to the last bit
// (the same ranks and the same interpolation, in the same float64 arithmetic).

/** Where one rank lies: in which bucket, at which 0-based offset inside it. */
export interface RankLocation {
  bucket: number;
  offset: number;
}

/** The ranks percentile_cont(p) reads over n sorted values, and the weight of the upper one. */
export function percentileRanks(p: number, n: number): { lower: number; upper: number; weight: number } {
  const h = p * (n - 1);
  const lower = Math.floor(h);
  return { lower, upper: Math.ceil(h), weight: h - lower };
}

/** percentile_cont's interpolation (float8_lerp: lo + weight · (hi − lo)); exact when the ranks are equal. */
export function interpolate(
  lo: number,
  hi: number,
  ranks: { lower: number; upper: number; weight: number },
): number {
  return ranks.lower === ranks.upper ? lo : lo + ranks.weight * (hi - lo);
}

/** Finds the bucket holding 0-based `rank` in a histogram (bucket → count). */
export function locateRank(histogram: ReadonlyMap<number, number>, rank: number): RankLocation {
  const buckets = [...histogram.keys()].sort((a, b) => a - b);
  let before = 0;
  for (const bucket of buckets) {
    const count = histogram.get(bucket)!;
    if (rank < before + count) return { bucket, offset: rank - before };
    before += count;
  }
  throw new Error(`rank ${rank} is beyond the histogram's ${before} values`);
}
