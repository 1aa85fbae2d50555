// Refuses operations whose estimated cost is over a limit: as an Apollo plugin for HTTP (after validation,
// with the request's variables) and as a plain check for graphql-ws, like the depth limit.
//
// Cost = one per field, with everything under a list counted once per item: `first`/`limit` items when
// the field takes such an argument (its value, the variable's, or the argument's default), otherwise
// `defaultListSize`. A paginated field that is not itself a list (a connection) lends its page size
// to the lists directly under it (`edges`, `nodes`). Nested lists multiply. A page size above
// `maxPageSize` counts as `maxPageSize`: no field serves more (facilities ≤ 1000, reports ≤ 100; each
// refuses more with its own precise message), so counting more would only hide that message.
//
// Not a ValidationRule: validation cannot see variables (`first: $n` would be unbounded), and Apollo
// caches validation per document text, so a variable-dependent verdict cannot live there.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export interface CostOptions {
  /** Items assumed for a list without `first`/`limit` (and without a default for it). */
  defaultListSize?: number;
  /** The largest `first`/`limit` any field accepts; larger values count as this. */
  maxPageSize?: number;
  /** Typical sizes of lists that are small by nature, by `Type.field`, used instead of `defaultListSize`. */
  listSizes?: Readonly<Record<string, number>>;
}

/**
 * Lists that are short by nature: a report's photos (at most 6 per submission), its history (a full
 * lifecycle with a reopen is about a dozen steps), its duplicate candidates. Counting them as
 * DEFAULT_LIST_SIZE made an ordinary page of 100 reports with photos and history cost more than the limit.
 */
export const KNOWN_LIST_SIZES: Readonly<Record<string, number>> = {
  'Report.media': 6,
  'Report.history': 12,
  'Report.duplicateCandidates': 5,
  'ReportEvent.media': 2,
};

/** The arguments that say how many items a field returns. */
const PAGE_ARGS = ['first', 'limit'] as const;
export const DEFAULT_LIST_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

/** The estimated cost of one operation of `document` (the named one, or the only one). */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  options: CostOptions = {},
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const walker = new CostWalker(schema, document, operation, variables ?? {}, options);
  return walker.cost(operation.selectionSet, root, undefined);
}

/** The cost errors of the operation that will run (empty when it is within the limit). */
export function costErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  maxCost: number,
  request: { operationName?: string | null; variables?: Readonly<Record<string, unknown>> | null },
  options: CostOptions = {},
): GraphQLError[] {
  const operation = pickOperation(document, request.operationName);
  if (!operation) return []; // graphql reports the missing or ambiguous operation itself
  const cost = operationCost(schema, document, operation, request.variables, options);
  return cost <= maxCost ? [] : [tooCostly(operation, cost, maxCost)];
}

/** The HTTP side: checks the resolved operation with its variables before it executes. */
export function costLimitPlugin<TContext extends object>(
  maxCost: number,
  options: CostOptions = {},
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(schema, document, operation, request.variables, options);
          if (cost > maxCost) throw tooCostly(operation, cost, maxCost, 400);
        },
      };
    },
  };
}

function tooCostly(
  operation: OperationDefinitionNode,
  cost: number,
  maxCost: number,
  httpStatus?: number,
): GraphQLError {
  const name = operation.name ? `"${operation.name.value}"` : 'Operation';
  return new GraphQLError(
    `${name} is too costly: estimated cost ${cost}, the limit is ${maxCost}. Ask for fewer items (first/limit) or fewer nested lists.`,
    {
      nodes: [operation],
      extensions: {
        code: 'BAD_USER_INPUT',
        cost,
        maxCost,
        ...(httpStatus ? { http: { status: httpStatus } } : {}),
      },
    },
  );
}

function pickOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

class CostWalker {
  readonly #fragments = new Map<string, FragmentDefinitionNode>();
  readonly #visiting = new Set<string>();
  readonly #defaultListSize: number;
  readonly #maxPageSize: number;
  readonly #listSizes: Readonly<Record<string, number>>;

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly operation: OperationDefinitionNode,
    private readonly variables: Readonly<Record<string, unknown>>,
    options: CostOptions,
  ) {
    for (const def of document.definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) this.#fragments.set(def.name.value, def);
    }
    this.#defaultListSize = options.defaultListSize ?? DEFAULT_LIST_SIZE;
    this.#maxPageSize = options.maxPageSize ?? MAX_PAGE_SIZE;
    this.#listSizes = options.listSizes ?? KNOWN_LIST_SIZES;
  }

  /** `pageSize`: the page size a connection above lends to the lists in this selection. */
  cost(set: SelectionSetNode, type: GraphQLCompositeType, pageSize: number | undefined): number {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += this.#fieldCost(selection, type, pageSize);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        // Every branch counts (an upper bound for unions and interfaces).
        const on = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : type;
        if (on && isCompositeType(on)) total += this.cost(selection.selectionSet, on, pageSize);
      } else {
        const name = selection.name.value;
        const fragment = this.#fragments.get(name);
        // Unknown or cyclic fragments are reported by validation.
        if (!fragment || this.#visiting.has(name)) continue;
        const on = this.schema.getType(fragment.typeCondition.name.value);
        if (!on || !isCompositeType(on)) continue;
        this.#visiting.add(name);
        total += this.cost(fragment.selectionSet, on, pageSize);
        this.#visiting.delete(name);
      }
    }
    return total;
  }

  #fieldCost(node: FieldNode, parent: GraphQLCompositeType, pageSize: number | undefined): number {
    const name = node.name.value;
    // __typename is free; introspection is bounded by the schema (and off in production).
    if (name.startsWith('__')) return 0;
    const field =
      typeTag(parent) === 'GraphQLUnionType' ? undefined : (parent as WithFields).getFields()[name];
    if (!field) return 1; // validation reports unknown fields
    const page = this.#pageSize(node, field);
    const { list: isList, named } = unwrap(field.type);
    const known = this.#listSizes[`${parent.name}.${name}`];
    const items = isList ? (page ?? pageSize ?? known ?? this.#defaultListSize) : 1;
    if (!node.selectionSet || !isCompositeType(named)) return 1;
    // A paginated field that is not a list is a connection: its page size applies to the lists under it.
    const lent = !isList && page !== undefined ? page : undefined;
    return 1 + items * this.cost(node.selectionSet, named, lent);
  }

  /** The value of the field's `first`/`limit` argument, or its default; undefined without one. */
  #pageSize(node: FieldNode, field: GraphQLField<unknown, unknown>): number | undefined {
    for (const argName of PAGE_ARGS) {
      const def = field.args.find((a) => a.name === argName);
      if (!def) continue;
      const given = node.arguments?.find((a) => a.name.value === argName);
      const value = given ? this.#valueOf(given.value) : undefined;
      const n = value ?? (typeof def.defaultValue === 'number' ? def.defaultValue : undefined);
      if (n !== undefined) return Math.min(this.#maxPageSize, Math.max(0, Math.floor(n)));
    }
    return undefined;
  }

  #valueOf(node: ValueNode): number | undefined {
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind !== Kind.VARIABLE) return undefined;
    const name = node.name.value;
    const given = this.variables[name];
    if (typeof given === 'number' && Number.isFinite(given)) return given;
    const declared = this.operation.variableDefinitions?.find((v) => v.variable.name.value === name);
    return declared?.defaultValue?.kind === Kind.INT ? Number(declared.defaultValue.value) : undefined;
  }
}

// The type predicates of graphql (isListType, …) use instanceof, which fails when the schema was built by
// another copy of the graphql module (vitest loads its ESM and CommonJS builds side by side); every
// graphql 16 type names its class in Symbol.toStringTag, which works across copies.
type WithFields = { getFields(): Record<string, GraphQLField<unknown, unknown>> };

function typeTag(type: GraphQLType): string {
  return (type as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag];
}

function isCompositeType(type: GraphQLType): type is GraphQLCompositeType {
  const tag = typeTag(type);
  return tag === 'GraphQLObjectType' || tag === 'GraphQLInterfaceType' || tag === 'GraphQLUnionType';
}

/** Whether a field's type is a list (under any non-null wrappers), and its named type. */
function unwrap(type: GraphQLType): { list: boolean; named: GraphQLNamedType } {
  let list = false;
  let t = type;
  for (;;) {
    const tag = typeTag(t);
    if (tag !== 'GraphQLNonNull' && tag !== 'GraphQLList') return { list, named: t as GraphQLNamedType };
    if (tag === 'GraphQLList') list = true;
    t = (t as { ofType: GraphQLType }).ofType;
  }
}
