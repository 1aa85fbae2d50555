// Refuses operations nested deeper than a limit (introspection fields excepted): as an Apollo validation
// rule for HTTP, and as a plain check for graphql-ws before its own validation.
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

export function depthLimit(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context.getDocument());
    return {
      OperationDefinition(node) {
        const error = checkOperation(node, fragments, maxDepth);
        if (error) context.reportError(error);
      },
    };
  };
}

/** The depth errors of every operation in a parsed document (empty when all are within the limit). */
export function depthErrors(document: DocumentNode, maxDepth: number): GraphQLError[] {
  const fragments = fragmentsOf(document);
  return document.definitions.flatMap((def) =>
    def.kind === Kind.OPERATION_DEFINITION ? (checkOperation(def, fragments, maxDepth) ?? []) : [],
  );
}

function checkOperation(
  node: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  maxDepth: number,
): GraphQLError | undefined {
  const depth = depthOf(node.selectionSet, fragments, 0, new Set());
  if (depth <= maxDepth) return undefined;
  const name = node.name ? `"${node.name.value}"` : 'Operation';
  return new GraphQLError(`${name} is nested ${depth} levels deep; the limit is ${maxDepth}`, {
    nodes: [node],
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  });
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  return fragments;
}

function depthOf(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  depth: number,
  visiting: Set<string>,
): number {
  let max = depth;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      // Introspection is bounded by the schema itself, and tools need its deep TypeRef chains.
      if (selection.name.value.startsWith('__')) continue;
      const below = selection.selectionSet
        ? depthOf(selection.selectionSet, fragments, depth + 1, visiting)
        : depth + 1;
      max = Math.max(max, below);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(selection.selectionSet, fragments, depth, visiting));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // Unknown or cyclic fragments are reported by the standard rules.
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      max = Math.max(max, depthOf(fragment.selectionSet, fragments, depth, visiting));
      visiting.delete(name);
    }
  }
  return max;
}
