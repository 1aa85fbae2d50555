// The health verdict for one check of one camera, from what the check saw and what earlier checks saw:
// online (playlist read, media sequence advancing, newest segment fetched), stale (the playlist is read but
// has stopped advancing or has ended), offline (the playlist or the newest segment could not be had).
import type { CameraStatus } from '@ioc/sql';

export type Probe =
  | { readonly ok: false; readonly error: string }
  | {
      readonly ok: true;
      readonly mediaSequence: number;
      readonly segmentCount: number;
      /** The newest segment's proxy URI: changes whenever the window moves. */
      readonly lastSegment: string | undefined;
      readonly targetDuration: number;
      readonly endList: boolean;
      /** Why the newest segment could not be fetched, if it could not. */
      readonly segmentError?: string;
    };

export interface Progress {
  /** What identified the playlist's position at the last change. */
  readonly position: string;
  /** When the position last changed. */
  readonly changedAt: number;
}

export interface Verdict {
  readonly status: Exclude<CameraStatus, 'unknown'>;
  readonly error: string | null;
  readonly progress: Progress | undefined;
}

/**
 * A live playlist must move about every target duration (RFC 8216 §6.2.1 lets a server be late up to
 * 1.5×); three target durations without a new segment is a stall, not jitter.
 */
export const STALL_TARGET_DURATIONS = 3;

export function judge(probe: Probe, previous: Progress | undefined, now: number): Verdict {
  if (!probe.ok) return { status: 'offline', error: probe.error, progress: previous };
  if (probe.segmentCount === 0 || probe.lastSegment === undefined) {
    return { status: 'offline', error: "the camera's playlist lists no segments", progress: previous };
  }
  const position = `${probe.mediaSequence}/${probe.segmentCount}/${probe.lastSegment}`;
  const progress = previous?.position === position ? previous : { position, changedAt: now };
  if (probe.endList) return { status: 'stale', error: 'the stream has ended (#EXT-X-ENDLIST)', progress };
  const stalledFor = now - progress.changedAt;
  if (stalledFor > STALL_TARGET_DURATIONS * probe.targetDuration * 1000) {
    const limit = STALL_TARGET_DURATIONS * probe.targetDuration;
    return { status: 'stale', error: `the stream has not advanced for more than ${limit} s`, progress };
  }
  if (probe.segmentError) return { status: 'offline', error: probe.segmentError, progress };
  return { status: 'online', error: null, progress };
}
