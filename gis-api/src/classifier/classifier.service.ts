// Category suggestions as the API offers them: input rules, and codes turned into the active categories they name.
import type { Category } from '../categories/category.repository.ts';
import type { CategoryService } from '../categories/category.service.ts';
import { badInput } from '../errors.ts';
import type { CategoryClassifier, CodeSuggestion } from './category-classifier.ts';

/** Longest text `suggestCategory` accepts, in characters; a report description is far shorter. */
export const MAX_SUGGEST_TEXT_LENGTH = 5000;

export interface SuggestedCategory {
  category: Category;
  confidence: number;
}

export class ClassifierService {
  constructor(
    private readonly classifier: CategoryClassifier,
    private readonly categories: CategoryService,
  ) {}

  /** The `k` likeliest category codes, best first; none for text with nothing recognisable (e.g. blank). */
  suggest(text: string, k = 3): CodeSuggestion[] {
    return this.classifier.suggest(text, k);
  }

  /** For the `suggestCategory` query: 1–5000 characters, suggestions limited to active categories. */
  async suggestCategories(text: string, k = 3): Promise<SuggestedCategory[]> {
    const length = [...text].length;
    if (length === 0 || length > MAX_SUGGEST_TEXT_LENGTH) {
      throw badInput(`text must be 1 to ${MAX_SUGGEST_TEXT_LENGTH} characters (got ${length})`);
    }
    const suggestions = this.classifier.suggest(text, k);
    if (suggestions.length === 0) return [];
    const byCode = new Map((await this.categories.list()).map((c) => [c.code, c]));
    return suggestions.flatMap(({ code, confidence }) => {
      const category = byCode.get(code);
      return category ? [{ category, confidence }] : [];
    });
  }
}
