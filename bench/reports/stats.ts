// Quantiles and number formatting for the benchmark's tables.

/** The p-quantile (0–1) of samples, linearly interpolated; NaN for no samples. Sorts a copy. */
export function quantile(samples: ArrayLike<number>, p: number): number {
  if (samples.length === 0) return NaN;
  const s = Float64Array.from(samples).sort();
  return quantileSorted(s, p);
}

export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const h = p * (sorted.length - 1);
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** "12.3" for ms, with one decimal below 100 and none above. */
export function ms(v: number): string {
  if (!Number.isFinite(v)) return '—';
  return v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en');
}

export function count(v: number): string {
  return Math.round(v).toLocaleString('en');
}

/** ours ÷ baseline, as "0.42×". */
export function ratio(ours: number, baseline: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(baseline) || baseline === 0) return '—';
  return `${(ours / baseline).toFixed(2)}×`;
}

export const sleep = (msToWait: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, msToWait)));

/** Wall-clock time in ms with sub-millisecond precision, comparable across processes on one machine. */
export function wallMs(): number {
  return performance.timeOrigin + performance.now();
}
