// Taking a workflow step on a report: check the input, then in one transaction lock the report, apply
// the state machine (report-workflow.ts) and the caller's rights, update it, write its history and event.
import type { Kysely } from 'kysely';
import type { DB, ReportAction, ReportRating, ReportStatus } from '@ioc/sql';
import { badInput, forbidden, notFound, unauthenticated } from '../errors.ts';
import { appendEvent } from '../events/event-writer.ts';
import type { User } from '../users/user.repository.ts';
import { publicPayload } from './report-event.ts';
import {
  MAX_NOTE,
  mediaIds as cleanMediaIds,
  reportId,
  text,
  unitId as cleanUnitId,
} from './report-input.ts';
import type { ReportNeighbours } from './report-ports.ts';
import {
  REOPEN_WINDOW_DAYS,
  WORKFLOW,
  mayTake,
  refusal,
  statusAfterRating,
  type Transition,
} from './report-workflow.ts';
import type { RejectReasonCode } from './report.repository.ts';
import type { LockedReport, ReportChanges, ReportWriteRepository } from './report-write.repository.ts';

export type StepInput =
  | { step: 'acknowledge'; note?: string | null }
  | { step: 'assign'; unitId: string | number; reason: string }
  | { step: 'merge'; intoId: string | number; note?: string | null }
  | { step: 'reject'; reason: RejectReasonCode; note?: string | null }
  | { step: 'start'; note?: string | null }
  | { step: 'resolve'; note: string; mediaIds?: readonly (string | number)[] | null }
  | { step: 'rate'; rating: ReportRating; comment?: string | null }
  | { step: 'reopen'; reason: string };

/** What a step does to the locked report. */
interface Plan {
  action: ReportAction;
  to: ReportStatus;
  changes: ReportChanges;
  unitId: number | null;
  note: string | null;
  data: Record<string, unknown>;
  mediaIds: string[];
}

const PAST: Record<Transition, ReportAction> = {
  acknowledge: 'acknowledged',
  assign: 'assigned',
  merge: 'merged',
  reject: 'rejected',
  start: 'started',
  resolve: 'resolved',
  rate: 'rated',
  reopen: 'reopened',
};

export class ReportStepService {
  constructor(
    private readonly writes: ReportWriteRepository,
    private readonly neighbours: ReportNeighbours,
  ) {}

  /** Takes the step; returns the report's id. */
  async take(user: User | null, id: string | number, input: StepInput): Promise<string> {
    const t = input.step;
    if (!user) throw unauthenticated(`Sign in to ${t} reports`);
    const rid = reportId(id);
    const clean = this.clean(input);
    if (input.step === 'assign' && !(await this.writes.unitIsActive(clean.unitId!))) {
      throw badInput(`Unit ${clean.unitId} does not exist or is inactive`);
    }
    await this.writes.transaction(async (tx) => {
      const other = input.step === 'merge' ? reportId(input.intoId, 'intoId') : undefined;
      if (other === rid) throw badInput(`Cannot merge report ${rid} into itself`);
      const locked = await this.lockAll(tx, other === undefined ? [rid] : [rid, other]);
      const report = locked.get(rid);
      if (!report) throw notFound(`Report ${rid} not found`);
      if (!mayTake(t, user, report)) throw forbidden(whoMay(t, rid));
      const why = refusal(t, report.status);
      if (why) throw badInput(`Cannot ${t} report ${rid}: ${why}`);
      const plan = this.plan(t, report, clean, other === undefined ? undefined : locked.get(other), other);
      await this.writes.update(tx, rid, plan.changes);
      if (t === 'merge') await this.writes.settleCandidates(tx, rid);
      const eventId = await this.writes.insertHistory(tx, {
        reportId: rid,
        action: plan.action,
        actorUserId: user.id,
        actorRole: user.role,
        fromStatus: report.status,
        toStatus: plan.to,
        unitId: plan.unitId,
        note: plan.note,
        data: plan.data,
      });
      if (plan.mediaIds.length > 0) await this.attachMedia(tx, rid, eventId, plan.mediaIds);
      await appendEvent(tx, {
        topic: 'report',
        type: `report.${plan.action}`,
        entityId: rid,
        payload: publicPayload({ ...report, status: plan.to, unitId: plan.unitId }, plan.action),
        geometry: { lng: report.lng, lat: report.lat },
        adminUnitId: report.adminUnitId,
        actorUserId: user.id,
        visibility: 'public',
        unitId: plan.unitId,
        ownerUserId: report.reporterUserId,
      });
    });
    return rid;
  }

  /** Input checks that need no database: lengths, ids, required notes. */
  private clean(input: StepInput) {
    const note = (v: string | null | undefined, name: string, required = false) =>
      text(v, name, MAX_NOTE, required);
    switch (input.step) {
      case 'assign':
        return { unitId: cleanUnitId(input.unitId), note: note(input.reason, 'reason', true) };
      case 'resolve':
        return { note: note(input.note, 'note', true), mediaIds: cleanMediaIds(input.mediaIds) };
      case 'rate':
        return { note: note(input.comment, 'comment'), rating: input.rating };
      case 'reopen':
        return { note: note(input.reason, 'reason', true) };
      case 'reject':
        return { note: note(input.note, 'note'), reason: input.reason };
      default:
        return { note: note(input.note, 'note') };
    }
  }

  /** Locks in id order, so two merges of the same pair cannot deadlock. */
  private async lockAll(tx: Kysely<DB>, ids: string[]): Promise<Map<string, LockedReport>> {
    const found = new Map<string, LockedReport>();
    for (const id of [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))) {
      const row = await this.writes.lock(tx, id);
      if (row) found.set(id, row);
    }
    return found;
  }

  private plan(
    t: Transition,
    r: LockedReport,
    input: ReturnType<ReportStepService['clean']>,
    into: LockedReport | undefined,
    intoId: string | undefined,
  ): Plan {
    const to = WORKFLOW[t].to;
    const base = { action: PAST[t], unitId: r.unitId, note: input.note, data: {}, mediaIds: [] as string[] };
    switch (t) {
      case 'acknowledge':
        return { ...base, to: to!, changes: { status: to!, acknowledged_at: 'now' } };
      case 'assign': {
        const unitId = input.unitId!;
        if (unitId === r.unitId) throw badInput(`Report ${r.id} is already assigned to unit ${unitId}`);
        const changes: ReportChanges = { status: to!, unit_id: unitId };
        if (r.status === 'new') changes.acknowledged_at = 'now';
        if (r.status === 'in_progress') changes.started_at = null;
        return { ...base, to: to!, unitId, changes, data: { fromUnitId: r.unitId, reason: input.note } };
      }
      case 'merge': {
        if (!into) throw notFound(`Report ${intoId} not found`);
        if (into.status === 'duplicate') {
          throw badInput(
            `Cannot merge report ${r.id} into report ${into.id}: it is itself a duplicate of report ${into.duplicateOf}`,
          );
        }
        if (into.status === 'rejected') {
          throw badInput(`Cannot merge report ${r.id} into report ${into.id}: it was rejected`);
        }
        if (into.categoryId !== r.categoryId) {
          throw badInput(
            `Cannot merge report ${r.id} (${r.categoryCode}) into report ${into.id} (${into.categoryCode}): categories differ`,
          );
        }
        return {
          ...base,
          to: to!,
          changes: { status: to!, duplicate_of: into.id },
          data: { intoId: into.id },
        };
      }
      case 'reject':
        return {
          ...base,
          to: to!,
          changes: { status: to!, reject_reason: input.reason! },
          data: { reason: input.reason },
        };
      case 'start':
        return { ...base, to: to!, changes: { status: to!, started_at: 'now' } };
      case 'resolve':
        return {
          ...base,
          to: to!,
          changes: { status: to!, resolved_at: 'now' },
          mediaIds: input.mediaIds ?? [],
        };
      case 'rate': {
        if (r.rating !== null) {
          throw badInput(`Report ${r.id} is already rated; reopen it if the problem is not fixed`);
        }
        const next = statusAfterRating(input.rating!);
        const changes: ReportChanges = {
          rating: input.rating!,
          rating_comment: input.note,
          rated_at: 'now',
          ...(next === 'closed' ? { status: next, closed_at: 'now' as const } : {}),
        };
        return { ...base, to: next, changes, data: { rating: input.rating } };
      }
      case 'reopen': {
        if (r.status === 'closed' && r.closedAt !== null) {
          const age = Date.now() - r.closedAt.getTime();
          if (age > REOPEN_WINDOW_DAYS * 86_400_000) {
            throw badInput(
              `Cannot reopen report ${r.id}: it was closed more than ${REOPEN_WINDOW_DAYS} days ago; submit a new report`,
            );
          }
        }
        return {
          ...base,
          to: to!,
          changes: {
            status: to!,
            reopen_count: 'increment',
            rating: null,
            rating_comment: null,
            rated_at: null,
            resolved_at: null,
            closed_at: null,
          },
        };
      }
    }
  }

  private async attachMedia(
    tx: Kysely<DB>,
    reportId: string,
    reportEventId: string,
    mediaIds: string[],
  ): Promise<void> {
    const media = this.neighbours.media();
    if (!media) throw badInput('Photos cannot be attached: media storage is not available');
    await media.attach(tx, { reportId, reportEventId, mediaIds });
  }
}

/** The FORBIDDEN message: who may take the step. */
function whoMay(t: Transition, id: string): string {
  const roles = WORKFLOW[t].roles;
  if (roles.citizen === 'own-report') return `Only the citizen who submitted report ${id} may ${t} it`;
  if (roles.officer === 'own-unit') {
    return `Only officers of the unit report ${id} is assigned to, operators and admins may ${t} it`;
  }
  return `Only operators and admins may ${t} reports`;
}
