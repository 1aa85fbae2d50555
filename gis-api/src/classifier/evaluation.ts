// Held-out measurement of a classifier: accuracy, macro-F1, top-k, per-category precision/recall, confusions, calibration.
import type { CategoryClassifier, LabelledText } from './category-classifier.ts';

export interface CategoryScore {
  code: string;
  /** Held-out examples of this category. */
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Confusion {
  actual: string;
  predicted: string;
  count: number;
}

export interface Evaluation {
  examples: number;
  accuracy: number;
  /** Unweighted mean of the per-category F1 scores. */
  macroF1: number;
  /** Share of examples whose category is among the top 3 suggestions. */
  top3Accuracy: number;
  /**
   * Expected calibration error over 10 confidence bins: the mean gap, weighted by bin size, between
   * the top suggestion's confidence and how often it is right. 0 is perfectly calibrated.
   */
  calibrationError: number;
  /** Examples the classifier made no suggestion for (counted as wrong). */
  unanswered: number;
  perCategory: CategoryScore[];
  /** Wrong top suggestions by (actual, predicted), most frequent first. */
  confusions: Confusion[];
}

export function evaluate(classifier: CategoryClassifier, examples: readonly LabelledText[]): Evaluation {
  const codes = [...new Set([...classifier.codes, ...examples.map((e) => e.category)])].sort();
  const truePositive = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const support = new Map<string, number>();
  const confusions = new Map<string, Confusion>();
  const bins = Array.from({ length: 10 }, () => ({ n: 0, confidence: 0, correct: 0 }));
  let correct = 0;
  let top3 = 0;
  let unanswered = 0;
  const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);

  for (const { text, category } of examples) {
    const suggestions = classifier.suggest(text, 3);
    bump(support, category);
    const best = suggestions[0];
    if (!best) {
      unanswered++;
      continue;
    }
    bump(predictedCount, best.code);
    const right = best.code === category;
    if (right) {
      correct++;
      bump(truePositive, category);
    } else {
      const key = `${category}→${best.code}`;
      const c = confusions.get(key) ?? { actual: category, predicted: best.code, count: 0 };
      c.count++;
      confusions.set(key, c);
    }
    if (suggestions.some((s) => s.code === category)) top3++;
    const bin = bins[Math.min(9, Math.floor(best.confidence * 10))];
    if (bin) {
      bin.n++;
      bin.confidence += best.confidence;
      bin.correct += right ? 1 : 0;
    }
  }

  const perCategory = codes
    .filter((code) => (support.get(code) ?? 0) > 0)
    .map((code) => {
      const tp = truePositive.get(code) ?? 0;
      const precision = ratio(tp, predictedCount.get(code) ?? 0);
      const recall = ratio(tp, support.get(code) ?? 0);
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      return { code, support: support.get(code) ?? 0, precision, recall, f1 };
    });
  const n = examples.length;
  return {
    examples: n,
    accuracy: ratio(correct, n),
    macroF1: ratio(
      perCategory.reduce((sum, c) => sum + c.f1, 0),
      perCategory.length,
    ),
    top3Accuracy: ratio(top3, n),
    calibrationError: ratio(
      bins.reduce((sum, b) => sum + Math.abs(b.confidence - b.correct), 0),
      n,
    ),
    unanswered,
    perCategory,
    confusions: [...confusions.values()].sort(
      (a, b) =>
        b.count - a.count || a.actual.localeCompare(b.actual) || a.predicted.localeCompare(b.predicted),
    ),
  };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** A plain-text report, for the eval script and the dataset README. */
export function formatEvaluation(e: Evaluation, worstConfusions = 10): string {
  const lines = [
    `held-out examples  ${e.examples}${e.unanswered ? ` (${e.unanswered} without a suggestion)` : ''}`,
    `accuracy           ${pct(e.accuracy)}`,
    `macro-F1           ${pct(e.macroF1)}`,
    `top-3 accuracy     ${pct(e.top3Accuracy)}`,
    `calibration error  ${pct(e.calibrationError)} (ECE, 10 bins)`,
    '',
    'category              n  precision  recall     F1',
    ...e.perCategory.map(
      (c) =>
        `${c.code.padEnd(20)} ${String(c.support).padStart(3)}  ${pct(c.precision).padStart(9)}  ${pct(c.recall).padStart(6)}  ${pct(c.f1).padStart(6)}`,
    ),
    '',
    'worst confusions (actual → predicted)',
    ...e.confusions.slice(0, worstConfusions).map((c) => `  ${c.count} × ${c.actual} → ${c.predicted}`),
  ];
  return lines.join('\n');
}
