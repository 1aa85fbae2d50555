// suggestCategory over real HTTP against the seeded categories: public, resolved to Category objects, input limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ioc/sql/testing';
import { startApiServer, type ApiServer } from './support/api-server.ts';

let database: TestDatabase;
let server: ApiServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startApiServer(database);
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

const SUGGEST = `query Suggest($text: String!) {
  suggestCategory(text: $text) { confidence category { code name nameEn agency { code } } }
}`;

interface Suggested {
  suggestCategory: Array<{
    confidence: number;
    category: { code: string; name: string; nameEn: string; agency: { code: string } };
  }>;
}

describe('suggestCategory', () => {
  it('answers anonymous callers with up to three seeded categories, best first', async () => {
    const res = await server.gql<Suggested>(SUGGEST, {
      text: 'Nắp cống bị mất, lỗ hổng giữa đường rất nguy hiểm',
    });
    expect(res.errors).toBeUndefined();
    const list = res.data!.suggestCategory;
    expect(list.length).toBeGreaterThan(0);
    expect(list.length).toBeLessThanOrEqual(3);
    expect(list[0]!.category).toEqual({
      code: 'cong-thoat-nuoc',
      name: 'Hỏng cống, nắp cống',
      nameEn: 'Broken drain or manhole',
      agency: { code: 'drainage' },
    });
    const confidences = list.map((s) => s.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    expect(confidences.reduce((a, b) => a + b)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('reads text typed without tone marks', async () => {
    const res = await server.gql<Suggested>(SUGGEST, {
      text: 'ngap nuoc qua, duong Lang nuoc len toi yen xe',
    });
    expect(res.data!.suggestCategory[0]!.category.code).toBe('ngap-ung');
  });

  it('returns nothing for blank text instead of a guess', async () => {
    const res = await server.gql<Suggested>(SUGGEST, { text: '    ' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.suggestCategory).toEqual([]);
  });

  it.each([
    ['an empty text', '', 0],
    ['a 5001-character text', 'x'.repeat(5001), 5001],
  ])('refuses %s with BAD_USER_INPUT', async (_what, text, length) => {
    const res = await server.gql(SUGGEST, { text });
    expect(res.errors?.[0]).toMatchObject({
      message: `text must be 1 to 5000 characters (got ${length})`,
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
