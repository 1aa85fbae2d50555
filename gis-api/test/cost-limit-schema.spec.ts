// The default cost limit lets the real schema's ordinary heavy pages through and still stops abuse.
import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readGisApiConfig } from '../src/config.ts';
import { operationCost } from '../src/graphql/cost-limit.ts';
import { buildSchema } from '../src/graphql/schema.ts';

const schema = buildSchema();
const limit = readGisApiConfig({ AUTH_SECRET: 'x'.repeat(32) }).graphqlMaxCost;

function cost(query: string): number {
  const document = parse(query);
  return operationCost(schema, document, document.definitions[0] as OperationDefinitionNode, {});
}

const REPORT_FIELDS = `id description status createdAt location { lat lng } category { code name } unit { name }
  adminUnit { name } media { id url kind } history { action fromStatus toStatus at note by { role name } }
  duplicateCandidates { distanceM report { id } } reporter { name phone }`;

describe('the default cost limit on the real schema', () => {
  it('allows a page of 100 reports with their category, unit, photos, history and candidates', () => {
    expect(cost(`{ reports(first: 100) { edges { node { ${REPORT_FIELDS} } } } }`)).toBeLessThanOrEqual(
      limit,
    );
  });

  it('refuses asking for duplicates of duplicates of 100 reports three levels deep', () => {
    const nested = `duplicateCandidates { report { duplicateCandidates { report { duplicateCandidates { report { ${REPORT_FIELDS} } } } } } }`;
    expect(cost(`{ reports(first: 100) { edges { node { ${nested} } } } }`)).toBeGreaterThan(limit);
  });
});
