// Multinomial logistic regression trained by seeded SGD: the model the classifier uses (see data/classifier/README.md).
import type { SparseVector } from './features.ts';
import { softmax, type Model, type TrainingSet } from './model.ts';
import { seededRandom, shuffled } from './random.ts';

export interface SoftmaxOptions {
  epochs: number;
  /** Step size at the start; it decays as 1 / (1 + epoch). */
  learningRate: number;
  /** L2 penalty on the weights an example touches, which keeps rare features from dominating. */
  l2: number;
  /** Seeds the order examples are visited in, so training is reproducible. */
  seed: number;
  /**
   * Scores are divided by this before the softmax when predicting (not in training). Below 1 sharpens
   * probabilities that early-stopped SGD leaves too flat; chosen by cross-validation on training data.
   */
  temperature: number;
}

export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxOptions = {
  epochs: 10,
  learningRate: 2,
  l2: 1e-5,
  seed: 3,
  temperature: 0.6,
};

export class SoftmaxRegression implements Model {
  private constructor(
    /** Feature-major: [feature * classCount + class], so one feature's weights sit together. */
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
    private readonly classCount: number,
    private readonly temperature: number,
  ) {}

  static train(set: TrainingSet, options: SoftmaxOptions = DEFAULT_SOFTMAX_OPTIONS): SoftmaxRegression {
    const { classCount: C, featureCount: F } = set;
    const model = new SoftmaxRegression(new Float64Array(F * C), new Float64Array(C), C, options.temperature);
    const inputs = set.vectors.map(scaled);
    const random = seededRandom(options.seed);
    const order = inputs.map((_, i) => i);
    const gradient = new Float64Array(C);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const rate = options.learningRate / (1 + epoch);
      for (const n of shuffled(order, random)) {
        const x = inputs[n]!;
        // Gradient of the cross-entropy with respect to the scores: p − one-hot(label).
        model.scoresInto(x, gradient);
        softmaxInPlace(gradient);
        gradient[set.labels[n]!]! -= 1;
        model.step(x, gradient, rate, options.l2);
      }
    }
    return model;
  }

  predict(x: SparseVector): Float64Array {
    const scores = new Float64Array(this.classCount);
    this.scoresInto(scaled(x), scores);
    return softmax(scores.map((s) => s / this.temperature));
  }

  private scoresInto(x: SparseVector, scores: Float64Array): void {
    const C = this.classCount;
    const { weights } = this;
    scores.set(this.bias);
    for (let k = 0; k < x.indices.length; k++) {
      const row = x.indices[k]! * C;
      const v = x.values[k]!;
      for (let c = 0; c < C; c++) scores[c]! += v * weights[row + c]!;
    }
  }

  private step(x: SparseVector, gradient: Float64Array, rate: number, l2: number): void {
    const C = this.classCount;
    const { weights, bias } = this;
    for (let c = 0; c < C; c++) bias[c]! -= rate * gradient[c]!;
    const decay = 1 - rate * l2;
    for (let k = 0; k < x.indices.length; k++) {
      const row = x.indices[k]! * C;
      const v = rate * x.values[k]!;
      for (let c = 0; c < C; c++) weights[row + c] = weights[row + c]! * decay - v * gradient[c]!;
    }
  }
}

function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) max = Math.max(max, scores[c]!);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) sum += scores[c] = Math.exp(scores[c]! - max);
  for (let c = 0; c < scores.length; c++) scores[c]! /= sum;
}

/** Counts → 1 + ln(count), scaled to unit length: long reports do not get more confident for being long. */
function scaled(x: SparseVector): SparseVector {
  const values = x.values.map((count) => 1 + Math.log(count));
  let squares = 0;
  for (const v of values) squares += v * v;
  const norm = Math.sqrt(squares) || 1;
  return { indices: x.indices, values: values.map((v) => v / norm) };
}
