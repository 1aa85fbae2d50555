// npm run classifier:eval -w gis-api — compares candidate models by 5-fold cross-validation on the training
// split, then measures the shipped configuration once on the held-out 20% (never used for choosing).
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CategoryClassifier,
  DEFAULT_CLASSIFIER_OPTIONS,
  type ClassifierOptions,
  type LabelledText,
} from '../src/classifier/category-classifier.ts';
import { DATASET_FILE, readExamples, stratifiedFolds, stratifiedSplit } from '../src/classifier/dataset.ts';
import { evaluate, formatEvaluation } from '../src/classifier/evaluation.ts';
import { loadClassifier } from '../src/classifier/load-classifier.ts';

const base = DEFAULT_CLASSIFIER_OPTIONS;
const withCharNgrams = { ...base.features, charNgrams: [3, 4] };
const CANDIDATES: Array<[string, Partial<ClassifierOptions>]> = [
  ['naive Bayes, syllables', { model: 'naive-bayes' }],
  ['naive Bayes, syllables + char 3-4', { model: 'naive-bayes', features: withCharNgrams }],
  ['softmax, syllables, T = 1', { softmax: { ...base.softmax, temperature: 1 } }],
  ['softmax, syllables + char 3-4', { features: withCharNgrams }],
  [`softmax, syllables, T = ${base.softmax.temperature} (shipped)`, {}],
];

// First, while the process is fresh, as at server start: what loadClassifier() costs.
const cpuBefore = process.cpuUsage();
const startup = loadClassifier();
const cpuUsed = process.cpuUsage(cpuBefore);
const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000;

const examples = readExamples();
const counts = new Map<string, number>();
for (const e of examples) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
console.log(`${path.relative(process.cwd(), DATASET_FILE)}: ${examples.length} examples`);
console.log([...counts].map(([code, n]) => `${code} ${n}`).join(', '));

const { train, test } = stratifiedSplit(examples, 0.2, 42);
console.log(`\nsplit (seed 42, stratified): ${train.length} train, ${test.length} held out\n`);

console.log('model selection: 5-fold cross-validation on the training split');
console.log('candidate                                 accuracy  macro-F1  top-3     ECE  train ms');
for (const [name, options] of CANDIDATES) {
  const folds = stratifiedFolds(train, 5, 7);
  let accuracy = 0;
  let macroF1 = 0;
  let top3 = 0;
  let ece = 0;
  let ms = 0;
  for (const fold of folds) {
    const { classifier, elapsed } = timed(fold.train, options);
    const e = evaluate(classifier, fold.test);
    accuracy += e.accuracy / folds.length;
    macroF1 += e.macroF1 / folds.length;
    top3 += e.top3Accuracy / folds.length;
    ece += e.calibrationError / folds.length;
    ms += elapsed / folds.length;
  }
  console.log(
    `${name.padEnd(40)} ${pct(accuracy).padStart(8)}  ${pct(macroF1).padStart(8)}  ${pct(top3).padStart(6)}  ${pct(ece).padStart(6)}  ${ms.toFixed(0).padStart(8)}`,
  );
}

const { classifier } = timed(train, {});
console.log(
  `\nshipped configuration (${base.model}) trained on the training split, measured on the held-out split:`,
);
console.log(formatEvaluation(evaluate(classifier, test)));

console.log(
  `\nstart-up (loadClassifier: read + train on all ${startup.examples} examples): ${startup.trainingMs} ms wall, ${cpuMs.toFixed(0)} ms CPU, ${startup.classifier.featureCount} features`,
);

function timed(data: LabelledText[], options: Partial<ClassifierOptions>) {
  const started = performance.now();
  const classifier = CategoryClassifier.train(data, options);
  return { classifier, elapsed: performance.now() - started };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
