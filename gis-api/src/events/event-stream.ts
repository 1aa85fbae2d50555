// One subscriber's view of the log: an async iterator that replays from a cursor (page by page, as the
// consumer pulls), then switches to the hub's live feed without a gap or a repeat.
import { subscriberTooSlow } from '../errors.ts';
import { canSee, type Viewer } from './event-audience.ts';
import type { EventLog, EventRecord } from './event.repository.ts';
import { comparePositions, type LogPosition } from './log-position.ts';

export interface EventStreamOptions {
  log: EventLog;
  batchSize: number;
  topics: readonly string[] | null;
  /** Who is subscribing: events they may not see are skipped, replayed or live. */
  viewer: Viewer;
  /** Deliver only events after this position. */
  start: LogPosition;
  /** Read the log from `start` before going live. */
  replay: boolean;
  /** Live events held while replaying; past this the hold is dropped and replay re-reads instead. */
  maxHeld?: number;
  /** Undelivered events a live consumer may fall behind by before the stream ends with an error. */
  maxQueued?: number;
  onEnd(stream: EventStream): void;
}

export class EventStream implements AsyncIterableIterator<EventRecord> {
  readonly #o: EventStreamOptions;
  #position: LogPosition;
  #replaying: boolean;
  /** Live events offered while replaying, delivered (deduplicated) when replay catches up. */
  #held: EventRecord[] = [];
  /** Bumped when `#held` is dropped: only a replay page read after that may end the replay. */
  #heldEpoch = 0;
  #queue: EventRecord[] = [];
  #waiter: ((r: IteratorResult<EventRecord>) => void) | undefined;
  #failWaiter: ((err: unknown) => void) | undefined;
  #ended = false;
  #error: unknown;

  constructor(options: EventStreamOptions) {
    this.#o = options;
    this.#position = options.start;
    this.#replaying = options.replay;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<EventRecord> {
    return this;
  }

  /** Called by the hub with every live event, in log order. */
  offer(event: EventRecord): void {
    if (this.#ended || !this.#wants(event)) return;
    if (this.#replaying) {
      this.#held.push(event);
      if (this.#held.length > (this.#o.maxHeld ?? 10_000)) {
        this.#held = [];
        this.#heldEpoch++;
      }
      return;
    }
    this.#deliver(event);
    if (this.#queue.length > (this.#o.maxQueued ?? 10_000)) {
      this.#fail(subscriberTooSlow());
    }
  }

  async next(): Promise<IteratorResult<EventRecord>> {
    while (this.#queue.length === 0 && this.#replaying && !this.#ended) await this.#replayPage();
    if (this.#error !== undefined && this.#queue.length === 0) {
      const err = this.#error;
      this.#error = undefined;
      throw err;
    }
    const event = this.#queue.shift();
    if (event) return { value: event, done: false };
    if (this.#ended) return { value: undefined, done: true };
    return new Promise((resolve, reject) => {
      this.#waiter = resolve;
      this.#failWaiter = reject;
    });
  }

  async return(): Promise<IteratorResult<EventRecord>> {
    this.end();
    return { value: undefined, done: true };
  }

  /** Ends the stream (unsubscribe, server shutdown). */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#queue = [];
    this.#held = [];
    this.#o.onEnd(this);
    this.#waiter?.({ value: undefined, done: true });
    this.#waiter = undefined;
  }

  async #replayPage(): Promise<void> {
    const epoch = this.#heldEpoch;
    let page: EventRecord[];
    try {
      page = await this.#o.log.readAfter(this.#position, {
        limit: this.#o.batchSize,
        topics: this.#o.topics,
        viewer: this.#o.viewer,
      });
    } catch (err) {
      this.#fail(err);
      return;
    }
    for (const event of page) {
      // The page is in log order, so the last one is where the next read starts, seen or not. (The log
      // already leaves out what the viewer may not see; this is the same rule again, not a second one.)
      if (!canSee(this.#o.viewer, event.audience)) this.#position = { txId: event.txId, seq: event.seq };
      else this.#deliver(event);
    }
    // A short page read after the hold began covers every event the hub had fanned out before it.
    if (page.length < this.#o.batchSize && epoch === this.#heldEpoch) {
      this.#replaying = false;
      const held = this.#held;
      this.#held = [];
      for (const event of held) this.#deliver(event);
    }
  }

  #wants(event: EventRecord): boolean {
    if (this.#o.topics && !this.#o.topics.includes(event.topic)) return false;
    return canSee(this.#o.viewer, event.audience);
  }

  #deliver(event: EventRecord): void {
    const position = { txId: event.txId, seq: event.seq };
    if (comparePositions(position, this.#position) <= 0) return;
    this.#position = position;
    if (this.#waiter) {
      const waiter = this.#waiter;
      this.#waiter = undefined;
      this.#failWaiter = undefined;
      waiter({ value: event, done: false });
    } else {
      this.#queue.push(event);
    }
  }

  #fail(err: unknown): void {
    if (this.#ended) return;
    const reject = this.#failWaiter;
    this.#waiter = undefined;
    this.#failWaiter = undefined;
    this.end();
    if (reject) reject(err);
    else this.#error = err;
  }
}
