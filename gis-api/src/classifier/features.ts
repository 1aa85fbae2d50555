// Text → sparse feature counts: syllable unigrams and bigrams of both spellings, plus character n-grams for typos.
import { tokenize } from './normalize.ts';

export interface FeatureOptions {
  /**
   * Character n-gram lengths taken inside each folded syllable padded with spaces (" duog " → " du",
   * "duo", …), so a typo such as "đườg" still shares most of its features with "đường". Empty for none.
   */
  charNgrams: readonly number[];
  /** Features seen in fewer training texts than this are dropped (1 keeps all). */
  minDocumentCount: number;
}

/** Character n-grams lost in cross-validation (see data/classifier/README.md), so they are off by default. */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { charNgrams: [], minDocumentCount: 1 };

/** Feature indices with their counts in one text, indices ascending. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

export function featureNames(text: string, options: FeatureOptions): string[] {
  const { accented, folded } = tokenize(text);
  const names: string[] = [];
  addGrams(names, 'a', accented);
  addGrams(names, 'f', folded);
  for (const n of options.charNgrams) {
    for (const syllable of folded) {
      const padded = ` ${syllable} `;
      for (let i = 0; i + n <= padded.length; i++) names.push(`c:${padded.slice(i, i + n)}`);
    }
  }
  return names;
}

function addGrams(names: string[], prefix: string, tokens: readonly string[]): void {
  tokens.forEach((token, i) => {
    names.push(`${prefix}1:${token}`);
    if (i > 0) names.push(`${prefix}2:${tokens[i - 1]} ${token}`);
  });
}

/** The features a model knows (those of its training texts) and how to turn any text into them. */
export class FeatureSpace {
  private constructor(
    private readonly index: ReadonlyMap<string, number>,
    readonly options: FeatureOptions,
  ) {}

  /** Learns the features of the training texts and returns each text's vector with them. */
  static fit(
    texts: readonly string[],
    options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
  ): { space: FeatureSpace; vectors: SparseVector[] } {
    const names = texts.map((text) => featureNames(text, options));
    const documentCount = new Map<string, number>();
    for (const list of names) {
      for (const name of new Set(list)) documentCount.set(name, (documentCount.get(name) ?? 0) + 1);
    }
    // Numbered in first-seen order (a Map iterates in insertion order), so the same texts always give
    // the same numbering, and with it the same weights.
    const index = new Map<string, number>();
    for (const [name, count] of documentCount) {
      if (count >= options.minDocumentCount) index.set(name, index.size);
    }
    const space = new FeatureSpace(index, options);
    return { space, vectors: names.map((list) => space.toVector(list)) };
  }

  get size(): number {
    return this.index.size;
  }

  /** Counts of the known features in `text`; features the training texts never had are ignored. */
  vector(text: string): SparseVector {
    return this.toVector(featureNames(text, this.options));
  }

  private toVector(names: readonly string[]): SparseVector {
    const counts = new Map<number, number>();
    for (const name of names) {
      const i = this.index.get(name);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const entries = [...counts].sort((a, b) => a[0] - b[0]);
    return {
      indices: Int32Array.from(entries, ([i]) => i),
      values: Float64Array.from(entries, ([, c]) => c),
    };
  }
}
