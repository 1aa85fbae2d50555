// Who sees what of a report: the reporter's contact, notes, actor names and duplicate candidates are
// for staff; a citizen also sees the private parts of the reports they submitted.
import type { ReportAction, UserRole } from '@ioc/sql';
import type { User } from '../users/user.repository.ts';

const STAFF: ReadonlySet<UserRole> = new Set(['officer', 'operator', 'leader', 'admin']);

/** Notes the reporter sees on their own report: the answers to them, and their own words. */
const REPORTER_NOTES: ReadonlySet<ReportAction> = new Set(['resolved', 'rejected', 'rated', 'reopened']);

export function isStaff(user: User | null): boolean {
  return user !== null && STAFF.has(user.role);
}

export function isReporter(user: User | null, report: { reporterUserId: number | null }): boolean {
  return user !== null && report.reporterUserId !== null && report.reporterUserId === user.id;
}

/** Contact data, rating comment: staff and the reporter. */
export function seesPrivate(user: User | null, report: { reporterUserId: number | null }): boolean {
  return isStaff(user) || isReporter(user, report);
}

export function seesNote(
  user: User | null,
  report: { reporterUserId: number | null },
  action: ReportAction,
): boolean {
  return isStaff(user) || (isReporter(user, report) && REPORTER_NOTES.has(action));
}
