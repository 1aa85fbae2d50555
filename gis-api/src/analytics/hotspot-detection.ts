// The hotspot tests on counts already gathered per cell (pure, so they can be validated by
// simulation): a window against its baseline, and a rise over consecutive windows. See README.md.
import { cellCenter, neighbourhood } from './cells.ts';
import { benjaminiHochberg, hypergeometricUpperTail, normalUpperTail, trendZ } from './statistics.ts';

/** Below this many reports in a neighbourhood the trend test's normal approximation is not trusted. */
export const MIN_TREND_REPORTS = 10;

export interface Hotspot {
  cell: string;
  center: { lat: number; lng: number };
  observed: number;
  baseline: number;
  expected: number;
  cellCount: number;
  zScore: number;
  pValue: number;
  qValue: number;
}

export interface EmergingHotspot {
  cell: string;
  center: { lat: number; lng: number };
  counts: number[];
  expected: number[];
  zScore: number;
  pValue: number;
  qValue: number;
  consecutiveRises: number;
}

export interface Detection<H> {
  /** Cells tested (the multiple-testing family). */
  tested: number;
  /** Significant cells, highest z first. */
  hotspots: H[];
}

/**
 * Window against baseline. `windowCounts`/`baselineCounts` hold the study area's cells (hex → count);
 * `inArea` says whether a cell belongs to the study area (neighbours outside it count nothing).
 */
export function detectHotspots(
  windowCounts: ReadonlyMap<string, number>,
  baselineCounts: ReadonlyMap<string, number>,
  rings: number,
  alpha: number,
  inArea: (cell: string) => boolean = () => true,
): Detection<Hotspot> {
  const W = sum(windowCounts.values());
  const N = W + sum(baselineCounts.values());
  if (W === 0 || W === N) return { tested: 0, hotspots: [] };
  const tested: Array<Omit<Hotspot, 'qValue'>> = [];
  for (const cell of candidates(windowCounts.keys(), rings, inArea)) {
    const disk = neighbourhood(cell, rings);
    const observed = sum(disk.map((c) => windowCounts.get(c) ?? 0));
    const before = sum(disk.map((c) => baselineCounts.get(c) ?? 0));
    const n = observed + before;
    // Nothing left to compare with, or (Tarone) too few reports to ever reach alpha: not a test.
    if (n === N || hypergeometricUpperTail(Math.min(n, W), N, W, n) > alpha) continue;
    // Fisher's exact test of the 2×2 table (neighbourhood, rest of the area) × (window, baseline).
    const mean = (n * W) / N;
    const variance = mean * (1 - W / N) * ((N - n) / (N - 1));
    const restWindow = W - observed;
    const restBaseline = N - W - before;
    tested.push({
      cell,
      center: cellCenter(cell),
      observed,
      baseline: before,
      // What the neighbourhood would have had if it had changed like the rest of the area.
      expected: restBaseline > 0 ? (before * restWindow) / restBaseline : 0,
      cellCount: windowCounts.get(cell) ?? 0,
      zScore: variance > 0 ? (observed - mean) / Math.sqrt(variance) : 0,
      pValue: hypergeometricUpperTail(observed, N, W, n),
    });
  }
  return significant(tested, alpha, () => true);
}

/** A rise over consecutive windows: `series` holds each cell's counts per window, oldest first. */
export function detectEmerging(
  series: ReadonlyMap<string, readonly number[]>,
  windows: number,
  rings: number,
  alpha: number,
  inArea: (cell: string) => boolean = () => true,
): Detection<EmergingHotspot> {
  const area = new Array<number>(windows).fill(0);
  for (const s of series.values()) s.forEach((n, t) => (area[t] = area[t]! + n));
  const N = sum(area);
  if (N === 0) return { tested: 0, hotspots: [] };
  const latest = [...new Array<number>(windows - 1).fill(0)];
  const tested: Array<Omit<EmergingHotspot, 'qValue'>> = [];
  for (const cell of candidates(series.keys(), rings, inArea)) {
    const counts = new Array<number>(windows).fill(0);
    for (const c of neighbourhood(cell, rings))
      series.get(c)?.forEach((n, t) => (counts[t] = counts[t]! + n));
    const n = sum(counts);
    // Too few reports for the normal approximation, or too few to ever reach alpha even all in the
    // latest window (Tarone): not a test.
    if (n < MIN_TREND_REPORTS || normalUpperTail(trendZ([...latest, n], area)) > alpha) continue;
    const zScore = trendZ(counts, area);
    tested.push({
      cell,
      center: cellCenter(cell),
      counts,
      // The neighbourhood's reports spread over the windows like the rest of the area's.
      expected: area.map((a, t) => (N > n ? (n * (a - counts[t]!)) / (N - n) : n / windows)),
      zScore,
      pValue: normalUpperTail(zScore),
      consecutiveRises: trailingRises(counts),
    });
  }
  // Still above the study area's pattern in the latest window: a rise, not a past bump.
  return significant(tested, alpha, (t) => t.counts[windows - 1]! > t.expected[windows - 1]!);
}

function significant<H extends { cell: string; zScore: number; pValue: number }>(
  tested: H[],
  alpha: number,
  also: (h: H) => boolean,
): Detection<H & { qValue: number }> {
  const q = benjaminiHochberg(tested.map((t) => t.pValue));
  const hotspots = tested
    .map((t, i) => ({ ...t, qValue: q[i]! }))
    .filter((t) => t.qValue <= alpha && t.zScore > 0 && also(t))
    .sort((x, y) => y.zScore - x.zScore || x.cell.localeCompare(y.cell));
  return { tested: tested.length, hotspots };
}

/** Cells whose neighbourhood holds any of `cells`: every cell a count can reach. */
function candidates(cells: Iterable<string>, rings: number, inArea: (cell: string) => boolean): Set<string> {
  const out = new Set<string>();
  for (const cell of cells) for (const c of neighbourhood(cell, rings)) if (inArea(c)) out.add(c);
  return out;
}

function trailingRises(counts: number[]): number {
  let rises = 0;
  for (let i = counts.length - 1; i > 0 && counts[i]! > counts[i - 1]!; i--) rises++;
  return rises;
}

function sum(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
