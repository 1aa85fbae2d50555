// The report state machine: for each workflow step, the statuses it may start from, where it leads,
// and who may take it. The one place these rules live; the service enforces them under a row lock.
import type { ReportStatus, UserRole } from '@ioc/sql';

export type Transition =
  'acknowledge' | 'assign' | 'merge' | 'reject' | 'start' | 'resolve' | 'rate' | 'reopen';

/** Who may take a step beyond having the role: anyone with it, officers of the report's unit, or its reporter. */
export type Scope = 'any' | 'own-unit' | 'own-report';

export interface Step {
  from: readonly ReportStatus[];
  /** null: decided by the step's input (a rating closes the report or leaves it resolved). */
  to: ReportStatus | null;
  roles: Partial<Record<UserRole, Scope>>;
  /** What to do first when the report is in a status this step cannot start from. */
  hint: Partial<Record<ReportStatus, string>>;
}

const OPEN: readonly ReportStatus[] = ['new', 'acknowledged', 'in_progress'];
const TRIAGE = { operator: 'any', admin: 'any' } as const;
const HANDLING = { officer: 'own-unit', operator: 'any', admin: 'any' } as const;
const REPORTER = { citizen: 'own-report' } as const;
export const WORKFLOW: Readonly<Record<Transition, Step>> = {
  acknowledge: { from: ['new'], to: 'acknowledged', roles: TRIAGE, hint: {} },
  // A new unit starts over: assigning acknowledges a new report and takes an in-progress one back.
  assign: { from: OPEN, to: 'acknowledged', roles: TRIAGE, hint: {} },
  merge: { from: OPEN, to: 'duplicate', roles: TRIAGE, hint: {} },
  reject: { from: OPEN, to: 'rejected', roles: TRIAGE, hint: {} },
  start: {
    from: ['acknowledged'],
    to: 'in_progress',
    roles: HANDLING,
    hint: { new: 'acknowledge it first' },
  },
  resolve: {
    from: ['in_progress'],
    to: 'resolved',
    roles: HANDLING,
    hint: { new: 'acknowledge and start it first', acknowledged: 'start it first' },
  },
  rate: { from: ['resolved'], to: null, roles: REPORTER, hint: {} },
  reopen: { from: ['resolved', 'closed'], to: 'in_progress', roles: REPORTER, hint: {} },
};

export const TRANSITIONS = Object.keys(WORKFLOW) as Transition[];

/** A closed report can be reopened for this long after it was closed. */
export const REOPEN_WINDOW_DAYS = 7;

/** The status after a rating: satisfied or acceptable closes the report, unsatisfied leaves it resolved. */
export function statusAfterRating(rating: 'satisfied' | 'acceptable' | 'unsatisfied'): ReportStatus {
  return rating === 'unsatisfied' ? 'resolved' : 'closed';
}

const DONE: Record<Transition, string> = {
  acknowledge: 'acknowledged',
  assign: 'assigned',
  merge: 'merged',
  reject: 'rejected',
  start: 'started',
  resolve: 'resolved',
  rate: 'rated',
  reopen: 'reopened',
};

const STATE: Record<ReportStatus, string> = {
  new: 'it is new',
  acknowledged: 'it is acknowledged',
  in_progress: 'it is in progress',
  resolved: 'it is resolved',
  closed: 'it is closed',
  rejected: 'it was rejected',
  duplicate: 'it was merged into another report',
};

/** Why `transition` cannot start from `status` (e.g. "it is new; acknowledge it first"), or null when it can. */
export function refusal(transition: Transition, status: ReportStatus): string | null {
  const step = WORKFLOW[transition];
  if (step.from.includes(status)) return null;
  const from = step.from.map((s) => s.replace('_', ' '));
  const list = from.length > 1 ? `${from.slice(0, -1).join(', ')} or ${from.at(-1)}` : from[0];
  return `${STATE[status]}; ${step.hint[status] ?? `only ${list} reports can be ${DONE[transition]}`}`;
}

export interface Viewer {
  id: number;
  role: UserRole;
  unitId: number | null;
}

export interface ReportParty {
  unitId: number | null;
  reporterUserId: number | null;
}

/** Whether the viewer's role (and unit or ownership) allows the step on this report; the status aside. */
export function mayTake(transition: Transition, viewer: Viewer | null, report: ReportParty): boolean {
  if (!viewer) return false;
  const scope = WORKFLOW[transition].roles[viewer.role];
  if (scope === 'any') return true;
  if (scope === 'own-unit') return viewer.unitId !== null && viewer.unitId === report.unitId;
  if (scope === 'own-report') return report.reporterUserId !== null && report.reporterUserId === viewer.id;
  return false;
}
