// Suggests report categories from a citizen's free Vietnamese text: features + a trained model, best guesses first.
import { DEFAULT_FEATURE_OPTIONS, FeatureSpace, type FeatureOptions } from './features.ts';
import type { Model } from './model.ts';
import { DEFAULT_NAIVE_BAYES_OPTIONS, NaiveBayes, type NaiveBayesOptions } from './naive-bayes.ts';
import { DEFAULT_SOFTMAX_OPTIONS, SoftmaxRegression, type SoftmaxOptions } from './softmax-regression.ts';

export interface LabelledText {
  text: string;
  /** A category code, e.g. "ngap-ung". */
  category: string;
}

export interface CodeSuggestion {
  code: string;
  /** Estimated probability that the text is about this category, 0..1. */
  confidence: number;
}

export interface ClassifierOptions {
  model: 'softmax' | 'naive-bayes';
  features: FeatureOptions;
  softmax: SoftmaxOptions;
  naiveBayes: NaiveBayesOptions;
}

export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = {
  model: 'softmax',
  features: DEFAULT_FEATURE_OPTIONS,
  softmax: DEFAULT_SOFTMAX_OPTIONS,
  naiveBayes: DEFAULT_NAIVE_BAYES_OPTIONS,
};

export class CategoryClassifier {
  private constructor(
    /** The category codes the model knows, sorted. */
    readonly codes: readonly string[],
    private readonly space: FeatureSpace,
    private readonly model: Model,
  ) {}

  /** Deterministic: the same examples and options give the same model, whatever the machine. */
  static train(
    examples: readonly LabelledText[],
    options: Partial<ClassifierOptions> = {},
  ): CategoryClassifier {
    const { model, features, softmax, naiveBayes } = { ...DEFAULT_CLASSIFIER_OPTIONS, ...options };
    if (examples.length === 0) throw new Error('A classifier needs at least one labelled example');
    const codes = [...new Set(examples.map((e) => e.category))].sort();
    const classOf = new Map(codes.map((code, i) => [code, i]));
    const { space, vectors } = FeatureSpace.fit(
      examples.map((e) => e.text),
      features,
    );
    const set = {
      vectors,
      labels: examples.map((e) => classOf.get(e.category) ?? 0),
      classCount: codes.length,
      featureCount: space.size,
    };
    const trained =
      model === 'softmax' ? SoftmaxRegression.train(set, softmax) : NaiveBayes.train(set, naiveBayes);
    return new CategoryClassifier(codes, space, trained);
  }

  /**
   * The `k` likeliest categories, best first; their confidences sum to at most 1. Empty when the text
   * has nothing the model learnt from (blank, punctuation, numbers, words it never saw): no suggestion
   * beats a guess from the class priors.
   */
  suggest(text: string, k = 3): CodeSuggestion[] {
    // Digits alone (a house number) are known features but say nothing about the problem.
    if (k <= 0 || !/\p{L}/u.test(text)) return [];
    const x = this.space.vector(text);
    if (x.indices.length === 0) return [];
    const p = this.model.predict(x);
    return this.codes
      .map((code, i) => ({ code, confidence: p[i] ?? 0 }))
      .sort((a, b) => b.confidence - a.confidence || (a.code < b.code ? -1 : 1))
      .slice(0, k);
  }

  /** Number of distinct features the model knows. */
  get featureCount(): number {
    return this.space.size;
  }
}
