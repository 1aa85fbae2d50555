// Who may see which analytics (README.md, "Who sees what"): the one place these rules live.
import { forbidden, unauthenticated } from '../errors.ts';
import type { User } from '../users/user.repository.ts';

const ANALYSTS = new Set(['operator', 'leader', 'admin']);

/**
 * Maps, hotspots, scorecards and choropleths: the IOC's operators, leaders and admins. The public and
 * citizens get the published city-wide figures (cityStats) instead.
 */
export function requireAnalyst(user: User | null, what: string): User {
  if (!user) {
    throw unauthenticated(
      `Sign in as an operator, leader or admin to see ${what}; the public figures are in cityStats`,
    );
  }
  if (!ANALYSTS.has(user.role)) {
    throw forbidden(`${what} are for operators, leaders and admins; the public figures are in cityStats`);
  }
  return user;
}

/** A unit's trend: analysts for every unit, an officer for their own unit. */
export function requireTrendViewer(user: User | null, unitId: number): User {
  if (user?.role === 'officer' && user.unitId === unitId) return user;
  if (user?.role === 'officer') throw forbidden("Officers may see their own unit's trend only");
  return requireAnalyst(user, 'Unit trends');
}
