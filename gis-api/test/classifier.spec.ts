// The category classifier: text normalisation, the labelled dataset, held-out accuracy, determinism, and the service rules.
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../sql/src/seed/reference-data.ts';
import type { Category } from '../src/categories/category.repository.ts';
import type { CategoryService } from '../src/categories/category.service.ts';
import { CategoryClassifier } from '../src/classifier/category-classifier.ts';
import { ClassifierService } from '../src/classifier/classifier.service.ts';
import {
  DatasetError,
  parseExamples,
  readExamples,
  stratifiedFolds,
  stratifiedSplit,
} from '../src/classifier/dataset.ts';
import { evaluate } from '../src/classifier/evaluation.ts';
import { loadClassifier } from '../src/classifier/load-classifier.ts';
import { foldDiacritics, tokenize } from '../src/classifier/normalize.ts';

const examples = readExamples();
// The same split as `npm run classifier:eval`: the held-out 20% is never used for choosing anything.
const { train, test } = stratifiedSplit(examples, 0.2, 42);
const heldOutModel = CategoryClassifier.train(train);

describe('normalisation', () => {
  it('folds tone and vowel marks, and đ to d', () => {
    expect(foldDiacritics('Đường Nguyễn Trãi ngập úng, đèn đỏ hỏng')).toBe(
      'Duong Nguyen Trai ngap ung, den do hong',
    );
  });

  it('reads tone marks typed as combining characters (NFD) like precomposed ones', () => {
    const nfd = 'Cống bị tắc ở phố Huế'.normalize('NFD');
    expect(tokenize(nfd)).toEqual(tokenize('Cống bị tắc ở phố Huế'));
    expect(tokenize(nfd).accented).toEqual(['cống', 'bị', 'tắc', 'ở', 'phố', 'huế']);
  });

  it('splits on punctuation, lower-cases, and turns digit runs into 0', () => {
    expect(tokenize('NGẬP!!! ngõ 178/45 Thái Hà, 30cm...').accented).toEqual([
      'ngập',
      'ngõ',
      '0',
      '0',
      'thái',
      'hà',
      '0cm',
    ]);
  });

  it('keeps abbreviations as typed and spells them out in the folded copy', () => {
    const { accented, folded } = tokenize('đèn ko sáng, k ai sửa, ng ta đc bt');
    expect(accented).toEqual(['đèn', 'ko', 'sáng', 'k', 'ai', 'sửa', 'ng', 'ta', 'đc', 'bt']);
    expect(folded).toEqual(['den', 'khong', 'sang', 'khong', 'ai', 'sua', 'nguoi', 'ta', 'duoc', 'bt']);
  });
});

describe('the labelled dataset', () => {
  const codes = new Set(CATEGORIES.map((c) => c.code));

  it('labels every text with one of the seeded category codes, at least 80 texts per category', () => {
    const counts = new Map<string, number>();
    for (const e of examples) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...codes].sort());
    for (const [code, n] of counts) expect(n, code).toBeGreaterThanOrEqual(80);
    expect(examples.length).toBeGreaterThanOrEqual(1300);
  });

  it('has no text twice', () => {
    const texts = examples.map((e) => e.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('names the line of a malformed row', () => {
    expect(() => parseExamples('{"text":"ngập","category":"ngap-ung"}\n{"text":""}', 'x.jsonl')).toThrow(
      new DatasetError('x.jsonl:2: "text" must be a non-empty string'),
    );
    expect(() => parseExamples('not json', 'x.jsonl')).toThrow('x.jsonl:1: not valid JSON');
  });

  it('splits every category 80/20 the same way on every run', () => {
    expect(stratifiedSplit(examples, 0.2, 42)).toEqual({ train, test });
    for (const code of codes) {
      const all = examples.filter((e) => e.category === code).length;
      expect(test.filter((e) => e.category === code).length).toBe(Math.round(all * 0.2));
    }
    const folds = stratifiedFolds(train, 5, 7);
    expect(folds.flatMap((f) => f.test).length).toBe(train.length);
  });
});

describe('held-out accuracy (trained on the 80% split, measured on the other 20%)', () => {
  const result = evaluate(heldOutModel, test);

  it('puts at least 85% of held-out reports in the right category, and 95% within the top 3', () => {
    expect(result.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(result.top3Accuracy).toBeGreaterThanOrEqual(0.95);
    expect(result.macroF1).toBeGreaterThanOrEqual(0.85);
  });

  it('gives confidences that roughly match how often it is right', () => {
    expect(result.calibrationError).toBeLessThan(0.1);
  });
});

describe('suggestions', () => {
  const { classifier } = loadClassifier();

  it.each([
    ['ngap nuoc qua, xe chet may het', 'ngap-ung'],
    ['Rác thải tập kết bừa bãi ở góc chợ, bốc mùi', 'rac-thai'],
    ['đèn đường ko sáng mấy hôm nay, tối om', 'den-chieu-sang'],
    ['karaoke hàng xóm hát tới 1h sáng', 'tieng-on'],
    ['CHÁY NHÀ, CỨU VỚI, có người kẹt bên trong', 'khan-cap'],
  ])('suggests the obvious category first: %s', (text, code) => {
    expect(classifier.suggest(text)[0]?.code).toBe(code);
  });

  it('returns k suggestions, best first, confidences in 0..1 summing to at most 1', () => {
    const suggestions = classifier.suggest('cống bị tắc, nước tràn lên đường', 3);
    expect(suggestions).toHaveLength(3);
    const confidences = suggestions.map((s) => s.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    for (const c of confidences) expect(c).toBeGreaterThanOrEqual(0);
    expect(confidences.reduce((a, b) => a + b)).toBeLessThanOrEqual(1 + 1e-9);
    expect(classifier.suggest('cống bị tắc', 16).reduce((sum, s) => sum + s.confidence, 0)).toBeCloseTo(1);
  });

  it.each(['', '   \n\t ', '?!... :)', '12/34 - 567', 'qwzx blorf'])(
    'makes no suggestion for %j rather than guess',
    (text) => {
      expect(classifier.suggest(text)).toEqual([]);
    },
  );

  it('trains to the same model every time', () => {
    const again = CategoryClassifier.train(train);
    for (const { text } of test.slice(0, 40))
      expect(again.suggest(text, 16)).toEqual(heldOutModel.suggest(text, 16));
  });

  it('trains at start-up in well under the time a server takes to boot', () => {
    expect(loadClassifier().trainingMs).toBeLessThan(5000);
  });
});

describe('ClassifierService', () => {
  const category = (code: string): Category => ({
    id: code.length,
    code,
    name: code,
    nameEn: code,
    description: null,
    agencyType: 'drainage',
    ackMinutes: 60,
    resolveMinutes: 600,
    priority: 2,
    isEmergency: false,
    color: '#000000',
  });
  // ngap-ung is "inactive": not in the list the category service returns.
  const categories = {
    list: async () => CATEGORIES.filter((c) => c.code !== 'ngap-ung').map((c) => category(c.code)),
  } as unknown as CategoryService;
  const service = new ClassifierService(loadClassifier().classifier, categories);

  it('refuses an empty or over-long text with BAD_USER_INPUT', async () => {
    for (const text of ['', 'a'.repeat(5001)]) {
      await expect(service.suggestCategories(text)).rejects.toMatchObject({
        message: `text must be 1 to 5000 characters (got ${text.length})`,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    await expect(service.suggestCategories('ồ'.repeat(5000))).resolves.toBeInstanceOf(Array);
  });

  it('answers blank text with no suggestions', async () => {
    await expect(service.suggestCategories('   ')).resolves.toEqual([]);
  });

  it('resolves codes to categories and leaves out inactive ones', async () => {
    const text = 'cống tắc, nước ngập đường sau mưa';
    expect(service.suggest(text).map((s) => s.code)).toContain('ngap-ung');
    const suggested = await service.suggestCategories(text);
    expect(suggested.length).toBeGreaterThan(0);
    expect(suggested.map((s) => s.category.code)).not.toContain('ngap-ung');
    for (const s of suggested) expect(s.category.code).toBe(category(s.category.code).code);
  });
});
