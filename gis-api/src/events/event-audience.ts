// Who may see which event: the audience columns an event is written with, the viewer a subscriber is,
// and the one rule joining them (applied in SQL on replay and in memory on the live feed).
import type { User } from '../users/user.repository.ts';

/** How an event was written (events.visibility, unit_id, owner_user_id). Read by the hub, never sent. */
export interface EventAudience {
  visibility: 'public' | 'staff';
  unitId: number | null;
  ownerUserId: number | null;
}

/**
 * What a subscriber may see: every event, or public ones plus those of their own reports
 * (`ownerUserId`) and the staff events of their unit (`unitId`).
 */
export type Viewer =
  | { readonly everything: true }
  | { readonly everything: false; readonly ownerUserId: number | null; readonly unitId: number | null };

export const EVERYONE: Viewer = Object.freeze({ everything: true });
export const PUBLIC: Viewer = Object.freeze({ everything: false, ownerUserId: null, unitId: null });

/**
 * anonymous → public events; citizen → public + their own reports' events (any visibility);
 * officer → public + staff events of their unit; operator, leader, admin → everything.
 */
export function viewerOf(user: User | null): Viewer {
  switch (user?.role) {
    case 'operator':
    case 'leader':
    case 'admin':
      return EVERYONE;
    case 'citizen':
      return { everything: false, ownerUserId: user.id, unitId: null };
    case 'officer':
      return { everything: false, ownerUserId: null, unitId: user.unitId };
    default:
      return PUBLIC;
  }
}

export function canSee(viewer: Viewer, audience: EventAudience): boolean {
  if (viewer.everything || audience.visibility === 'public') return true;
  if (viewer.ownerUserId !== null && audience.ownerUserId === viewer.ownerUserId) return true;
  return viewer.unitId !== null && audience.visibility === 'staff' && audience.unitId === viewer.unitId;
}
