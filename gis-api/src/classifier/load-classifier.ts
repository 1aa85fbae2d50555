// Trains the start-up classifier from the bundled dataset, once per process (it is immutable, so sharing is safe).
import { performance } from 'node:perf_hooks';
import { CategoryClassifier } from './category-classifier.ts';
import { DATASET_FILE, readExamples } from './dataset.ts';

export interface LoadedClassifier {
  classifier: CategoryClassifier;
  /** Labelled examples it was trained on. */
  examples: number;
  /** Milliseconds spent reading the dataset and training. */
  trainingMs: number;
}

const loaded = new Map<string, LoadedClassifier>();

export function loadClassifier(file = DATASET_FILE): LoadedClassifier {
  const cached = loaded.get(file);
  if (cached) return cached;
  const started = performance.now();
  const examples = readExamples(file);
  const classifier = CategoryClassifier.train(examples);
  const result = {
    classifier,
    examples: examples.length,
    trainingMs: Math.round(performance.now() - started),
  };
  loaded.set(file, result);
  return result;
}
