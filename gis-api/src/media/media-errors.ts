// Why an upload was refused, carrying the HTTP status the client gets (400 unreadable, 413 too large, 415 not accepted).
export type RejectionStatus = 400 | 413 | 415 | 429 | 503;

export class MediaRejected extends Error {
  override name = 'MediaRejected';
  constructor(
    readonly status: RejectionStatus,
    message: string,
  ) {
    super(message);
  }
}

/** The file claims a format but its structure is broken: truncated, corrupted, or crafted. */
export const unreadable = (label: string, why: string) =>
  new MediaRejected(400, `The ${label} file is damaged or truncated: ${why}`);
