// The SLA clock: every interval, marks reports past their acknowledge/resolve deadline as overdue and
// emits one event for each. Every gis-api instance runs one; row locks keep them from doubling up.
import type { Kysely } from 'kysely';
import type { DB } from '@ioc/sql';
import { appendEvent, type NewEvent } from '../events/event-writer.ts';
import { SlaRepository, type OverdueKind, type OverdueReport } from './sla.repository.ts';

export interface SlaClockOptions {
  /** Time between ticks; 0 disables the timer (tick() can still be called). */
  intervalMs: number;
  /** Reports marked per deadline kind per tick, so one transaction stays short. */
  batchSize?: number;
  /** A tick failed (database away, …); the clock carries on with the next one. */
  onError?: (err: unknown) => void;
  /** Called after a tick that marked something. */
  onMarked?: (marked: { ack: number; resolve: number }) => void;
}

export interface TickResult {
  ack: number;
  resolve: number;
}

const KINDS: readonly OverdueKind[] = ['ack', 'resolve'];

export class SlaClock {
  readonly #db: Kysely<DB>;
  readonly #options: SlaClockOptions;
  readonly #batchSize: number;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #stopped = true;

  constructor(db: Kysely<DB>, options: SlaClockOptions) {
    this.#db = db;
    this.#options = options;
    this.#batchSize = options.batchSize ?? 200;
  }

  start(): void {
    if (!this.#stopped || this.#options.intervalMs <= 0) return;
    this.#stopped = false;
    this.#schedule(this.#options.intervalMs);
  }

  /** Stops the timer and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running?.catch(() => {});
  }

  /**
   * One pass in one transaction: marks up to a batch of each kind of missed deadline, writes their
   * history rows and events, and commits all of it together (or none of it).
   */
  async tick(): Promise<TickResult> {
    return this.#db.transaction().execute(async (tx) => {
      const repo = new SlaRepository(tx);
      const result: TickResult = { ack: 0, resolve: 0 };
      for (const kind of KINDS) {
        const overdue = await repo.markOverdue(kind, this.#batchSize);
        await repo.recordOverdue(kind, overdue);
        for (const report of overdue) await appendEvent(tx, overdueEvent(kind, report));
        result[kind] = overdue.length;
      }
      return result;
    });
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#run(), ms);
    this.#timer.unref();
  }

  async #run(): Promise<void> {
    let full = false;
    const running = this.tick().then(
      (result) => {
        if (result.ack + result.resolve > 0) this.#options.onMarked?.(result);
        // A full batch means a backlog (the clock was down, or a burst of deadlines): go on at once.
        full = result.ack === this.#batchSize || result.resolve === this.#batchSize;
      },
      (err: unknown) => this.#options.onError?.(err),
    );
    this.#running = running;
    await running;
    this.#running = undefined;
    this.#schedule(full ? 0 : this.#options.intervalMs);
  }
}

/** The event for a missed deadline: public fields only; the audience columns say who else sees it. */
function overdueEvent(kind: OverdueKind, r: OverdueReport): NewEvent {
  return {
    topic: 'report',
    type: kind === 'ack' ? 'report.ack_overdue' : 'report.resolve_overdue',
    entityId: r.id,
    payload: { id: r.id, status: r.status, unitId: r.unitId, dueAt: r.dueAt.toISOString() },
    geometry: { lng: r.lng, lat: r.lat },
    adminUnitId: r.adminUnitId,
    // A missed deadline is public accountability, like the report itself on the public map.
    visibility: 'public',
    unitId: r.unitId,
    ownerUserId: r.ownerUserId,
  };
}
