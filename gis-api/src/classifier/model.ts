// What the two candidate models share: training data as sparse vectors, and a probability per class out.
import type { SparseVector } from './features.ts';

export interface TrainingSet {
  vectors: readonly SparseVector[];
  /** Class index of each vector. */
  labels: readonly number[];
  classCount: number;
  featureCount: number;
}

export interface Model {
  /** One probability per class, summing to 1. */
  predict(x: SparseVector): Float64Array;
}

/** Scores → probabilities, shifted by the maximum so large scores do not overflow. */
export function softmax(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  const out = scores.map((s) => {
    const e = Math.exp(s - max);
    sum += e;
    return e;
  });
  return out.map((e) => e / sum);
}
