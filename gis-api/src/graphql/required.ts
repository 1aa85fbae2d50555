// For relations the schema declares non-null and a foreign key guarantees: a miss is a server bug.
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`${what} is missing`);
  return value;
}
