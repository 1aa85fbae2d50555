// The custom scalars: DateTime (ISO 8601), JSON (any value) and GeoJSON (a geometry object).
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime cannot represent ${String(value)}`);
    return date.toISOString();
  },
  parseValue(value) {
    return parseDate(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('DateTime must be a string like 2025-07-01T08:30:00Z');
    return parseDate(ast.value);
  },
});

function parseDate(value: unknown): Date {
  // A zone is required: "08:30" alone would silently mean the server's time zone.
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)
  ) {
    throw new GraphQLError(
      `DateTime must be ISO 8601 with a time zone, e.g. 2025-07-01T08:30:00Z (got ${JSON.stringify(value)})`,
    );
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime ${value} is not a real instant`);
  return date;
}

export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => literalValue(ast, variables),
});

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

export const GeoJSONScalar = new GraphQLScalarType<object, object>({
  name: 'GeoJSON',
  serialize(value) {
    const v = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    if (!isGeometry(v)) throw new GraphQLError('GeoJSON cannot represent a value that is not a geometry');
    return v;
  },
  parseValue(value) {
    if (!isGeometry(value))
      throw new GraphQLError(
        `GeoJSON must be a geometry object with a "type" of ${[...GEOMETRY_TYPES].join(', ')}`,
      );
    return value;
  },
  parseLiteral(ast, variables) {
    const value = literalValue(ast, variables);
    if (!isGeometry(value))
      throw new GraphQLError(
        `GeoJSON must be a geometry object with a "type" of ${[...GEOMETRY_TYPES].join(', ')}`,
      );
    return value;
  },
});

function isGeometry(v: unknown): v is object {
  return typeof v === 'object' && v !== null && GEOMETRY_TYPES.has(String((v as { type?: unknown }).type));
}

function literalValue(ast: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.ENUM:
      return ast.value;
    case Kind.LIST:
      return ast.values.map((v) => literalValue(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalValue(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
  }
}
