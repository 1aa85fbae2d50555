// Submitting a report: validate, classify, rate-limit, then ONE transaction that routes it, stores it
// with its reporter, history, duplicate candidates and media, and appends the event — or writes nothing.
import type { Kysely } from 'kysely';
import { reportCells, type DB, type ReportSource } from '@ioc/sql';
import { badInput, conflict, forbidden, rateLimited } from '../errors.ts';
import { appendEvent } from '../events/event-writer.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import type { User } from '../users/user.repository.ts';
import { publicPayload } from './report-event.ts';
import { cleanSubmission, fingerprint, type CleanSubmission, type SubmitInput } from './report-input.ts';
import type { ReportNeighbours } from './report-ports.ts';
import { isStaff } from './report-visibility.ts';
import type { ReportWriteRepository } from './report-write.repository.ts';

/** The category of last resort, handled by the local People's Committee. */
export const FALLBACK_CATEGORY = 'khac';

const CITIZEN_SOURCES: ReadonlySet<ReportSource> = new Set(['web', 'mobile']);

export interface Submission extends SubmitInput {
  source?: ReportSource | null;
}

class KeyTaken extends Error {}

export class ReportSubmitService {
  constructor(
    private readonly writes: ReportWriteRepository,
    private readonly neighbours: ReportNeighbours,
    private readonly limiter: RateLimiter,
  ) {}

  /** Returns the id of the new report, or of the one an earlier submission with the same key created. */
  async submit(user: User | null, clientIp: string | null, input: Submission): Promise<string> {
    if (user && !['citizen', 'operator', 'admin'].includes(user.role)) {
      throw forbidden(`A ${user.role} cannot submit reports; sign out to report as a citizen`);
    }
    const s = cleanSubmission(input);
    const source = this.source(user, input.source);
    const submitter = user?.id ?? null;
    const print = s.idempotencyKey === null ? null : fingerprint(s, submitter, source);

    // A retry is answered before the rate limit: the client already paid for this report.
    if (s.idempotencyKey !== null) {
      const earlier = await this.replay(s.idempotencyKey, print!);
      if (earlier) return earlier;
    }
    if (!isStaff(user)) {
      const decision = this.limiter.consume(`report:${clientIp ?? 'unknown'}`);
      if (!decision.allowed) throw rateLimited('reports from this address', decision.retryAfterSeconds);
    }
    const category = await this.category(s);

    try {
      return await this.writes.transaction(async (tx) => {
        const route = await this.writes.route(tx, s.lng, s.lat, category.id);
        if (route.unitId === null) {
          throw badInput(
            `The point ${s.lat}, ${s.lng} is outside the area served; no unit handles reports there`,
          );
        }
        const report = await this.writes.insert(tx, {
          categoryId: category.id,
          categorySuggested: category.suggested,
          categoryConfidence: category.confidence,
          description: s.description,
          address: s.address,
          lng: s.lng,
          lat: s.lat,
          adminUnitId: route.adminUnitId,
          unitId: route.unitId,
          source,
          ackMinutes: category.ackMinutes,
          resolveMinutes: category.resolveMinutes,
          idempotencyKey: s.idempotencyKey,
          fingerprint: print,
          cells: reportCells(s.lng, s.lat),
        });
        // A concurrent submission with the same key committed first; nothing was written here.
        if (!report) throw new KeyTaken();
        const ownerUserId = user?.role === 'citizen' ? user.id : null;
        await this.writes.insertReporter(tx, report.id, {
          userId: ownerUserId,
          ...s.contact,
          clientIp,
        });
        const eventId = await this.writes.insertHistory(tx, {
          reportId: report.id,
          action: 'submitted',
          actorUserId: user?.id ?? null,
          actorRole: user?.role ?? null,
          fromStatus: null,
          toStatus: 'new',
          unitId: route.unitId,
          note: null,
          data: { source, categoryCode: category.code, suggested: category.suggested },
        });
        const candidates = await this.writes.insertDuplicateCandidates(tx, report.id);
        await this.attachMedia(tx, report.id, eventId, s);
        await appendEvent(tx, {
          topic: 'report',
          type: 'report.submitted',
          entityId: report.id,
          payload: publicPayload(
            {
              id: report.id,
              status: 'new',
              categoryCode: category.code,
              unitId: route.unitId,
              adminUnitId: route.adminUnitId,
              lng: s.lng,
              lat: s.lat,
              createdAt: report.createdAt,
              ackDueAt: report.ackDueAt,
              resolveDueAt: report.resolveDueAt,
            },
            'submitted',
          ),
          geometry: { lng: s.lng, lat: s.lat },
          adminUnitId: route.adminUnitId,
          actorUserId: user?.id ?? null,
          visibility: 'public',
          unitId: route.unitId,
          ownerUserId,
        });
        // Staff triage needs to know; the public payload stays free of it.
        if (candidates > 0) {
          await appendEvent(tx, {
            topic: 'report',
            type: 'report.duplicate_suspected',
            entityId: report.id,
            payload: { id: report.id, candidates },
            geometry: { lng: s.lng, lat: s.lat },
            adminUnitId: route.adminUnitId,
            visibility: 'staff',
            unitId: route.unitId,
          });
        }
        return report.id;
      });
    } catch (err) {
      if (err instanceof KeyTaken) {
        const earlier = await this.replay(s.idempotencyKey!, print!);
        if (earlier) return earlier;
      }
      throw err;
    }
  }

  private async replay(key: string, print: string): Promise<string | undefined> {
    const earlier = await this.writes.byIdempotencyKey(key);
    if (!earlier) return undefined;
    if (earlier.fingerprint !== print) {
      throw conflict(
        'idempotencyKey was already used for a different report; use a new key for a new report',
      );
    }
    return earlier.id;
  }

  private source(user: User | null, asked: ReportSource | null | undefined): ReportSource {
    if (isStaff(user)) return asked ?? 'operator';
    if (asked && !CITIZEN_SOURCES.has(asked)) {
      throw forbidden(`Only staff may submit with source ${asked.toUpperCase()}; citizens use WEB or MOBILE`);
    }
    return asked ?? 'web';
  }

  private async category(s: CleanSubmission) {
    let code = s.categoryCode;
    let suggested = false;
    let confidence: number | null = null;
    if (code === null) {
      suggested = true;
      const guess = this.neighbours.classifier()?.suggest(s.description, 1)[0];
      if (guess && (await this.writes.categoryByCode(guess.code))?.active) {
        code = guess.code;
        confidence = Math.min(1, Math.max(0, guess.confidence));
      } else {
        code = FALLBACK_CATEGORY;
      }
    }
    const row = await this.writes.categoryByCode(code);
    if (!row || !row.active) {
      throw badInput(`Unknown category "${code}"; see the categories query for the codes`);
    }
    return { ...row, suggested, confidence };
  }

  private async attachMedia(
    tx: Kysely<DB>,
    reportId: string,
    reportEventId: string,
    s: CleanSubmission,
  ): Promise<void> {
    if (s.mediaIds.length === 0) return;
    const media = this.neighbours.media();
    if (!media) throw badInput('Photos cannot be attached: media storage is not available');
    await media.attach(tx, { reportId, reportEventId, mediaIds: s.mediaIds });
  }
}
