// The depth limit counts nesting through fragments and ignores introspection.
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { depthErrors } from '../src/graphql/depth-limit.ts';

describe('depth limit', () => {
  it('allows a query at the limit and refuses one past it', () => {
    expect(depthErrors(parse('{ a { b { c } } }'), 3)).toEqual([]);
    expect(depthErrors(parse('query Deep { a { b { c { d } } } }'), 3).map((e) => e.message)).toEqual([
      '"Deep" is nested 4 levels deep; the limit is 3',
    ]);
  });

  it('counts depth through named and inline fragments', () => {
    const doc = parse('{ a { ...F } } fragment F on T { b { ... on U { c { d } } } }');
    expect(depthErrors(doc, 3).map((e) => e.message)).toEqual([
      'Operation is nested 4 levels deep; the limit is 3',
    ]);
  });

  it('does not loop on a cyclic fragment (the standard rules report it)', () => {
    expect(depthErrors(parse('{ a { ...F } } fragment F on T { b { ...F } }'), 5)).toEqual([]);
  });

  it('ignores introspection fields', () => {
    const doc = parse('{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }');
    expect(depthErrors(doc, 2)).toEqual([]);
  });
});
