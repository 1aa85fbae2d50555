// Multinomial naive Bayes over feature counts, Lidstone-smoothed: the baseline the softmax model is measured against.
import type { SparseVector } from './features.ts';
import { softmax, type Model, type TrainingSet } from './model.ts';

export interface NaiveBayesOptions {
  /** Added to every feature count per class (1 is Laplace smoothing). */
  alpha: number;
}

export const DEFAULT_NAIVE_BAYES_OPTIONS: NaiveBayesOptions = { alpha: 1 };

export class NaiveBayes implements Model {
  private constructor(
    private readonly logPrior: Float64Array,
    /** log P(feature | class), feature-major: [feature * classCount + class]. */
    private readonly logLikelihood: Float64Array,
    private readonly classCount: number,
  ) {}

  static train(set: TrainingSet, { alpha }: NaiveBayesOptions = DEFAULT_NAIVE_BAYES_OPTIONS): NaiveBayes {
    const { classCount: C, featureCount: F } = set;
    const counts = new Float64Array(F * C);
    const totals = new Float64Array(C);
    const documents = new Float64Array(C);
    set.vectors.forEach((x, n) => {
      const c = set.labels[n] ?? 0;
      documents[c] = (documents[c] ?? 0) + 1;
      x.indices.forEach((j, k) => {
        const v = x.values[k] ?? 0;
        counts[j * C + c] = (counts[j * C + c] ?? 0) + v;
        totals[c] = (totals[c] ?? 0) + v;
      });
    });
    const logPrior = documents.map((d) => Math.log((d + 1) / (set.vectors.length + C)));
    const logLikelihood = counts.map((count, i) =>
      Math.log((count + alpha) / ((totals[i % C] ?? 0) + alpha * F)),
    );
    return new NaiveBayes(logPrior, logLikelihood, C);
  }

  predict(x: SparseVector): Float64Array {
    const C = this.classCount;
    const scores = Float64Array.from(this.logPrior);
    x.indices.forEach((j, k) => {
      const v = x.values[k] ?? 0;
      for (let c = 0; c < C; c++) scores[c] = (scores[c] ?? 0) + v * (this.logLikelihood[j * C + c] ?? 0);
    });
    return softmax(scores);
  }
}
