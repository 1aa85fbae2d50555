// The errors clients may see, each with a stable code; anything else reaches them as INTERNAL_SERVER_ERROR.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'SUBSCRIBER_TOO_SLOW'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  | 'INTERNAL_SERVER_ERROR';

/** Codes the GraphQL machinery itself produces for a malformed request; their messages are safe to show. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);
const DOMAIN_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'SUBSCRIBER_TOO_SLOW',
  'RATE_LIMITED',
  'CONFLICT',
]);
/** Extensions besides `code` that a domain error may carry to the client. */
const SAFE_EXTENSIONS = ['retryAfterSeconds'] as const;

function error(code: ErrorCode, message: string, httpStatus?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
  });
}

export const badInput = (message: string) => error('BAD_USER_INPUT', message);
export const unauthenticated = (message = 'Sign in first', httpStatus?: number) =>
  error('UNAUTHENTICATED', message, httpStatus);
export const forbidden = (message = 'Not allowed for your role') => error('FORBIDDEN', message);
export const notFound = (message: string) => error('NOT_FOUND', message);
/** Too many requests from this client: HTTP 429 with Retry-After, and the wait in extensions.retryAfterSeconds. */
export const rateLimited = (what: string, retryAfterSeconds: number) =>
  new GraphQLError(`Too many ${what}; try again in ${retryAfterSeconds} s`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
/** The request contradicts an earlier one (e.g. an idempotency key reused for a different payload). */
export const conflict = (message: string) => error('CONFLICT', message);
/** A live subscription fell too far behind; the client should resubscribe from its last seq. */
export const subscriberTooSlow = () =>
  error(
    'SUBSCRIBER_TOO_SLOW',
    'Subscriber fell too far behind; resubscribe with after: the last seq received',
  );

/**
 * Shapes an error for the client: known codes keep their message; anything unexpected (a database
 * error, a bug) becomes a bare INTERNAL_SERVER_ERROR and is handed to `onInternal` for the log.
 * Stack traces and other extensions never leave the server.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  original: unknown,
  onInternal: (err: unknown) => void,
): GraphQLFormattedError {
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  const cause = isGraphQLError(original) ? (original.originalError ?? original) : original;
  // Apollo's UserInputError (an invalid variable: a string for a Float, null for a non-null) names the
  // variable and what is wrong with it.
  if (code === 'BAD_USER_INPUT' && original instanceof Error && original.name === 'UserInputError') {
    return {
      message: formatted.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code },
    };
  }
  const exposed =
    code !== undefined &&
    (REQUEST_CODES.has(code) || (DOMAIN_CODES.has(code) && (isGraphQLError(cause) || cause === undefined)));
  if (exposed) {
    return {
      // The thrown error's own words (Apollo prefixes context errors with "Context creation failed: ").
      message: isGraphQLError(cause) && DOMAIN_CODES.has(code) ? cause.message : formatted.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code, ...safeExtensions(formatted.extensions) },
    };
  }
  onInternal(cause);
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

function safeExtensions(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SAFE_EXTENSIONS) if (extensions?.[key] !== undefined) out[key] = extensions[key];
  return out;
}

// By name rather than instanceof: tools that load graphql's ESM build beside its CommonJS build (vitest
// does) end up with two GraphQLError classes.
function isGraphQLError(err: unknown): err is GraphQLError {
  return err instanceof Error && err.name === 'GraphQLError';
}

/** True for errors raised by PostgreSQL or PGlite (they carry a SQLSTATE code), for the error metric. */
export function isDatabaseError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}
