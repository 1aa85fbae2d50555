// Seeded randomness for the analytics tests: the workload generator's Mulberry32 and Poisson draws.
export { rng } from '../../../sql/src/seed/workload.ts';

/** A Poisson draw (Knuth's product of uniforms; fine for the small means the tests use). */
export function poisson(mean: number, r: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = r();
  while (p > limit) {
    k++;
    p *= r();
  }
  return k;
}
