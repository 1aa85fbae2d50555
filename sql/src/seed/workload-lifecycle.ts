// Plans one generated report's life: when it was acknowledged, started, resolved, rated, reopened or
// closed (or rejected, or merged as a duplicate), given its SLA and "now"; every step as a history event.
import type { ReportAction, ReportRating, ReportStatus } from '../schema.ts';

export interface LifecycleEvent {
  action: ReportAction;
  from: ReportStatus | null;
  to: ReportStatus | null;
  at: number;
  role: string;
}

export interface Lifecycle {
  status: ReportStatus;
  ackDue: number;
  resolveDue: number;
  acknowledgedAt: number | null;
  startedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  ackOverdueAt: number | null;
  resolveOverdueAt: number | null;
  rating: ReportRating | null;
  ratedAt: number | null;
  reopenCount: number;
  events: LifecycleEvent[];
}

export interface LifecycleInput {
  created: number;
  now: number;
  /** SLA minutes. */
  ack: number;
  resolve: number;
  duplicate: boolean;
}

const MIN = 60_000;
/** Resolved reports nobody rates are closed automatically after this long. */
export const AUTO_CLOSE_MS = 7 * 24 * 60 * MIN;

/** Log-normal delay with the given median; σ 0.9 puts ~85 % of acknowledgements inside an SLA of 2.5× the median. */
function delay(median: number, sigma: number, r: () => number): number {
  const u1 = Math.max(r(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r());
  return median * Math.exp(sigma * z);
}

export function planLifecycle(input: LifecycleInput, r: () => number): Lifecycle {
  const { created, now } = input;
  const life: Lifecycle = {
    status: 'new',
    ackDue: created + input.ack * MIN,
    resolveDue: created + input.resolve * MIN,
    acknowledgedAt: null,
    startedAt: null,
    resolvedAt: null,
    closedAt: null,
    ackOverdueAt: null,
    resolveOverdueAt: null,
    rating: null,
    ratedAt: null,
    reopenCount: 0,
    events: [{ action: 'submitted', from: null, to: 'new', at: created, role: 'citizen' }],
  };
  const step = (action: ReportAction, to: ReportStatus | null, at: number, role: string) => {
    life.events.push({ action, from: life.status, to, at, role });
    if (to) life.status = to;
  };
  // The SLA clock: an overdue event at the deadline, once, if the step had not happened by then.
  const overdue = (kind: 'ack' | 'resolve', doneAt: number | null) => {
    const due = kind === 'ack' ? life.ackDue : life.resolveDue;
    if (due <= now && (doneAt === null || doneAt > due)) {
      life.events.push({
        action: kind === 'ack' ? 'ack_overdue' : 'resolve_overdue',
        from: life.status,
        to: null,
        at: due,
        role: 'system',
      });
      if (kind === 'ack') life.ackOverdueAt = due;
      else life.resolveOverdueAt = due;
    }
  };

  const ackAt = created + delay(input.ack * MIN * 0.4, 0.9, r);
  const acked = ackAt <= now;
  overdue('ack', acked ? ackAt : null);
  if (!acked) {
    overdue('resolve', null);
    return sorted(life);
  }
  if (input.duplicate) {
    step('merged', 'duplicate', ackAt, 'operator');
    return sorted(life);
  }
  if (r() < 0.03) {
    step('rejected', 'rejected', ackAt, 'operator');
    return sorted(life);
  }
  step('acknowledged', 'acknowledged', ackAt, 'operator');
  life.acknowledgedAt = ackAt;

  const startAt = ackAt + delay(input.resolve * MIN * 0.08, 0.8, r);
  const resolveAt = Math.max(startAt + 10 * MIN, created + delay(input.resolve * MIN * 0.5, 0.8, r));
  if (startAt > now) {
    overdue('resolve', null);
    return sorted(life);
  }
  step('started', 'in_progress', startAt, 'officer');
  life.startedAt = startAt;
  overdue('resolve', resolveAt <= now ? resolveAt : null);
  if (resolveAt > now) return sorted(life);
  step('resolved', 'resolved', resolveAt, 'officer');
  life.resolvedAt = resolveAt;

  const rateAt = resolveAt + (1 + r() * 47) * 60 * MIN;
  if (r() < 0.6 && rateAt <= now) {
    const x = r();
    const rating: ReportRating = x < 0.6 ? 'satisfied' : x < 0.85 ? 'acceptable' : 'unsatisfied';
    if (rating === 'unsatisfied' && r() < 0.4) {
      // The citizen reopens instead: the work starts again and the earlier rating no longer applies.
      step('reopened', 'in_progress', rateAt, 'citizen');
      life.reopenCount = 1;
      life.resolvedAt = null;
      const again = rateAt + delay(input.resolve * MIN * 0.3, 0.7, r);
      if (again <= now) {
        step('resolved', 'resolved', again, 'officer');
        life.resolvedAt = again;
        if (again + AUTO_CLOSE_MS <= now) {
          step('closed', 'closed', again + AUTO_CLOSE_MS, 'system');
          life.closedAt = again + AUTO_CLOSE_MS;
        }
      }
      return sorted(life);
    }
    step('rated', null, rateAt, 'citizen');
    life.rating = rating;
    life.ratedAt = rateAt;
    step('closed', 'closed', rateAt, 'system');
    life.closedAt = rateAt;
  } else if (resolveAt + AUTO_CLOSE_MS <= now) {
    step('closed', 'closed', resolveAt + AUTO_CLOSE_MS, 'system');
    life.closedAt = resolveAt + AUTO_CLOSE_MS;
  }
  return sorted(life);
}

// Overdue events are added at their deadline, which can fall between other steps.
function sorted(life: Lifecycle): Lifecycle {
  life.events.sort((a, b) => a.at - b.at);
  return life;
}
