// The labelled report texts (data/classifier/reports-vi.jsonl) and deterministic stratified splits of them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabelledText } from './category-classifier.ts';
import { seededRandom, shuffled } from './random.ts';

export const DATASET_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../data/classifier/reports-vi.jsonl',
);

export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** One `{"text": …, "category": …}` per line; a bad line is named with its number. Texts are NFC. */
export function readExamples(file = DATASET_FILE): LabelledText[] {
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch {
    throw new DatasetError(`${file}: missing (see data/classifier/README.md)`);
  }
  return parseExamples(content, file);
}

export function parseExamples(content: string, source = 'dataset'): LabelledText[] {
  const examples: LabelledText[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let row: { text?: unknown; category?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch {
      throw new DatasetError(`${source}:${i + 1}: not valid JSON`);
    }
    if (typeof row?.text !== 'string' || row.text.trim() === '') {
      throw new DatasetError(`${source}:${i + 1}: "text" must be a non-empty string`);
    }
    if (typeof row.category !== 'string' || !/^[a-z]+(-[a-z]+)*$/.test(row.category)) {
      throw new DatasetError(`${source}:${i + 1}: "category" must be a category code such as "ngap-ung"`);
    }
    examples.push({ text: row.text.normalize('NFC'), category: row.category });
  });
  return examples;
}

export interface Split {
  train: LabelledText[];
  test: LabelledText[];
}

/** Holds out `testFraction` of every category (rounded), chosen by a seeded shuffle: same split on every run. */
export function stratifiedSplit(examples: readonly LabelledText[], testFraction = 0.2, seed = 42): Split {
  const split: Split = { train: [], test: [] };
  const random = seededRandom(seed);
  for (const group of byCategory(examples)) {
    const order = shuffled(group, random);
    const testCount = Math.round(order.length * testFraction);
    split.test.push(...order.slice(0, testCount));
    split.train.push(...order.slice(testCount));
  }
  return split;
}

/** k stratified folds: each category's examples dealt round-robin after a seeded shuffle. */
export function stratifiedFolds(examples: readonly LabelledText[], k: number, seed = 42): Split[] {
  const fold = new Map<LabelledText, number>();
  const random = seededRandom(seed);
  for (const group of byCategory(examples)) {
    shuffled(group, random).forEach((e, i) => fold.set(e, i % k));
  }
  return Array.from({ length: k }, (_, f) => ({
    train: examples.filter((e) => fold.get(e) !== f),
    test: examples.filter((e) => fold.get(e) === f),
  }));
}

/** Examples grouped per category, categories in code order, examples in file order. */
function byCategory(examples: readonly LabelledText[]): LabelledText[][] {
  const groups = new Map<string, LabelledText[]>();
  for (const e of examples) {
    const group = groups.get(e.category);
    if (group) group.push(e);
    else groups.set(e.category, [e]);
  }
  return [...groups.keys()].sort().map((code) => groups.get(code) ?? []);
}
