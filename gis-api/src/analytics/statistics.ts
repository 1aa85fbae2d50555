// The statistics behind hotspots and emerging hotspots (see README.md): the exact hypergeometric tail
// (Fisher's test), the normal tail, Benjamini–Hochberg q-values and the Cochran–Armitage trend score.

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0]!;
  const t = z + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * P(X ≥ k) for X ~ Hypergeometric(N, K, n): drawing n of N items of which K are marked, at least k
 * marked — the one-sided Fisher exact test of a 2×2 table. The tail on the far side of the mean is
 * summed (its terms shrink monotonically, so the sum stops once they no longer count), and the other
 * side is one minus it.
 */
export function hypergeometricUpperTail(k: number, N: number, K: number, n: number): number {
  const lo = Math.max(0, n - (N - K));
  const hi = Math.min(n, K);
  if (k <= lo) return 1;
  if (k > hi) return 0;
  const pmf = (x: number) => Math.exp(logChoose(K, x) + logChoose(N - K, n - x) - logChoose(N, n));
  if (k > (n * K) / N) {
    let term = pmf(k);
    let total = 0;
    for (let x = k; x <= hi && term > total * 1e-17; x++) {
      total += term;
      term *= ((K - x) * (n - x)) / ((x + 1) * (N - K - n + x + 1));
    }
    return Math.min(1, total);
  }
  let term = pmf(k - 1);
  let below = 0;
  for (let x = k - 1; x >= lo && term > below * 1e-17; x--) {
    below += term;
    term *= (x * (N - K - n + x)) / ((K - x + 1) * (n - x + 1));
  }
  return Math.max(0, 1 - below);
}

/** P(Z ≥ z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

// Numerical Recipes' erfc (Chebyshev fit, fractional error < 1.2e-7 everywhere): plenty for p-values.
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the input order: a cell is a discovery at
 * false discovery rate α when its q ≤ α. Valid under the positive dependence of overlapping
 * neighbourhoods (Benjamini & Yekutieli 2001).
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const q = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const [p, i] = order[rank - 1]!;
    running = Math.min(running, (p * m) / rank);
    q[i] = running;
  }
  return q;
}

/**
 * Cochran–Armitage trend z-score of a 2×T table: `counts` (the cell's reports per window, oldest
 * first) against `totals` (the study area's, the cell included). Under the null the cell's n reports
 * are a random draw from the area's, so the window score Σ t·c_t has mean n·μ and variance
 * n·σ²·(N − n)/(N − 1), μ and σ² being the mean and variance of t over all N reports.
 */
export function trendZ(counts: readonly number[], totals: readonly number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  const N = totals.reduce((a, b) => a + b, 0);
  if (n === 0 || N <= 1) return 0;
  let score = 0;
  let mean = 0;
  let second = 0;
  counts.forEach((c, i) => {
    const t = i + 1;
    const p = totals[i]! / N;
    score += t * c;
    mean += t * p;
    second += t * t * p;
  });
  const variance = n * (second - mean * mean) * ((N - n) / (N - 1));
  return variance > 0 ? (score - n * mean) / Math.sqrt(variance) : 0;
}
