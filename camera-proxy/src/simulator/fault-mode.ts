// What a simulated camera can be made to do wrong, for tests and for the demo map's broken cameras.
export const FAULT_MODES = [
  /** Healthy: a live sliding window whose media sequence advances every segment. */
  'none',
  /** The playlist is served but stops advancing (a frozen encoder). */
  'stalled',
  /** Every URL of the camera answers 404 (a camera taken down or renamed). */
  'not-found',
  /** The playlist URL answers 200 with something that is not a playlist (a login page, noise). */
  'garbage',
  /** Segments answer only after a delay longer than the proxy's patience. */
  'slow',
  /** The playlist points its segments at another host (a hijacked or misconfigured camera). */
  'off-origin',
  /** Connections are accepted and never answered (a camera that is dead behind a live switch). */
  'hang',
] as const;

export type FaultMode = (typeof FAULT_MODES)[number];
