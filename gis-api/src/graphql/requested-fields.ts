// Which fields of the returned object a query selected, so expensive columns are read only when asked for.
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

export function selectsField(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some(
    (node) => node.selectionSet !== undefined && inSet(node.selectionSet, field, info, new Set()),
  );
}

function inSet(set: SelectionSetNode, field: string, info: GraphQLResolveInfo, seen: Set<string>): boolean {
  return set.selections.some((s) => {
    if (s.kind === Kind.FIELD) return s.name.value === field;
    if (s.kind === Kind.INLINE_FRAGMENT) return inSet(s.selectionSet, field, info, seen);
    const fragment = info.fragments[s.name.value];
    if (!fragment || seen.has(s.name.value)) return false;
    seen.add(s.name.value);
    return inSet(fragment.selectionSet, field, info, seen);
  });
}
