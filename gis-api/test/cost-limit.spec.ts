// The cost estimate: one per field, lists times their page size, nested lists multiplied, variables used.
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST_SIZE, MAX_PAGE_SIZE, costErrors, operationCost } from '../src/graphql/cost-limit.ts';

const schema = buildSchema(`
  type Query {
    items(first: Int): [Item!]!
    limited(limit: Int = 50): [Item!]!
    tags: [String!]!
    conn(first: Int, after: String): Conn!
    one: Item
    search: [Hit!]!
  }
  type Subscription { ticks: Item! }
  type Item { id: ID! name: String! children(first: Int): [Item!]! owner: Item }
  type Conn { total: Int! edges: [Edge!]! }
  type Edge { cursor: String! node: Item! }
  union Hit = Item | Conn
`);

function cost(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === 'OperationDefinition',
  ) as OperationDefinitionNode;
  return operationCost(schema, document, operation, variables);
}

describe('query cost', () => {
  it('counts one per field', () => {
    expect(cost('{ one { id name owner { id } } }')).toBe(1 + 2 + (1 + 1));
  });

  it('multiplies what is under a list by its first/limit argument', () => {
    expect(cost('{ items(first: 10) { id name } }')).toBe(1 + 10 * 2);
    expect(cost('{ limited(limit: 3) { id } }')).toBe(1 + 3);
  });

  it("uses the argument's default, else the default page size", () => {
    expect(cost('{ limited { id } }')).toBe(1 + 50);
    expect(cost('{ items { id } }')).toBe(1 + DEFAULT_LIST_SIZE);
  });

  it('multiplies nested lists', () => {
    expect(cost('{ items(first: 10) { children(first: 5) { children(first: 2) { id } } } }')).toBe(
      1 + 10 * (1 + 5 * (1 + 2 * 1)),
    );
  });

  it('a connection lends its page size to the lists directly under it, not to its other fields', () => {
    expect(cost('{ conn(first: 7) { total edges { cursor node { id } } } }')).toBe(
      1 + (1 + (1 + 7 * (1 + (1 + 1)))),
    );
  });

  it('reads page sizes from variables, then from the variable default', () => {
    const q = 'query Q($n: Int = 4) { items(first: $n) { id } }';
    expect(cost(q, { n: 100 })).toBe(1 + 100);
    expect(cost(q, {})).toBe(1 + 4);
  });

  it('a list of scalars is one field', () => {
    expect(cost('{ tags }')).toBe(1);
  });

  it('counts through fragments, every branch of a union, and not __typename', () => {
    expect(
      cost(`{ search { __typename ... on Item { id } ...C } }
            fragment C on Conn { total }`),
    ).toBe(1 + DEFAULT_LIST_SIZE * 2);
  });

  it('counts a page size past the largest any field serves as that largest', () => {
    expect(MAX_PAGE_SIZE).toBe(1000);
    expect(cost('{ items(first: 2000000000) { id } }')).toBe(1 + 1000);
    expect(cost('query ($n: Int) { items(first: $n) { id } }', { n: 5000 })).toBe(1 + 1000);
  });

  it('too many nested items are refused with the cost and the limit, as BAD_USER_INPUT', () => {
    const document = parse('query Big { items(first: 1000) { children(first: 100) { id } } }');
    const [error, ...rest] = costErrors(schema, document, 10_000, {});
    expect(rest).toEqual([]);
    expect(error!.message).toBe(
      '"Big" is too costly: estimated cost 101001, the limit is 10000. Ask for fewer items (first/limit) or fewer nested lists.',
    );
    expect(error!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', cost: 101_001, maxCost: 10_000 });
    expect(costErrors(schema, parse('{ items(first: 10) { id } }'), 10_000, {})).toEqual([]);
  });

  it('checks the operation that will run when a document has several', () => {
    const document = parse('query A { items(first: 1) { id } } query B { items(first: 999) { id } }');
    expect(costErrors(schema, document, 100, { operationName: 'A' })).toEqual([]);
    expect(costErrors(schema, document, 100, { operationName: 'B' })).toHaveLength(1);
  });
});
