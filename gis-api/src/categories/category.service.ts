// Report categories and agency types as the API shows them.
import type { AgencyType, Category, CategoryRepository } from './category.repository.ts';

export class CategoryService {
  constructor(private readonly categories: CategoryRepository) {}

  list(): Promise<Category[]> {
    return this.categories.listActive();
  }

  agencyTypes(codes: readonly string[]): Promise<AgencyType[]> {
    return this.categories.agencyTypesByCode(codes);
  }
}
