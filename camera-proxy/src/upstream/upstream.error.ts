// Why a camera could not be used, in words safe to show the public: never the upstream URL (it may hold
// credentials or internal addresses), only a reason code and a sentence.
export type UpstreamReason =
  /** Refused by policy before any connection: another origin, another scheme, a disallowed address. */
  | 'refused'
  /** No answer within the time bound. */
  | 'timeout'
  /** Connection refused, reset, or the name did not resolve. */
  | 'unreachable'
  /** The camera answered with an HTTP error. */
  | 'http_status'
  /** The answer was larger than allowed. */
  | 'too_large'
  /** The answer was not a usable HLS playlist. */
  | 'invalid_playlist';

export class UpstreamError extends Error {
  override name = 'UpstreamError';

  constructor(
    readonly reason: UpstreamReason,
    message: string,
    /** The camera's HTTP status, for reason 'http_status'. */
    readonly upstreamStatus?: number,
  ) {
    super(message);
  }
}

export function isUpstreamError(err: unknown): err is UpstreamError {
  return err instanceof UpstreamError;
}
