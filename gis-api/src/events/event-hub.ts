// One per process: wakes on NOTIFY ioc_events (and a slow poll as a safety net), reads new events in
// log order, and fans them out to every subscription. Subscriptions replay from a cursor first.
import type { Viewer } from './event-audience.ts';
import type { EventLog, EventRecord } from './event.repository.ts';
import { comparePositions, type LogPosition } from './log-position.ts';
import { EventStream, type EventStreamOptions } from './event-stream.ts';

export interface EventHubOptions {
  /** Subscribe to the database's wake-ups; resolves to an unsubscribe function. */
  listen(onNotify: () => void): Promise<() => Promise<void>>;
  /** Poll this often even without a notification (a dropped LISTEN connection must not stall the feed). */
  pollMs: number;
  /** Rows per read. */
  batchSize?: number;
  /** Called when reading the log fails; the hub keeps its place and retries on the next wake-up. */
  onError?: (err: unknown) => void;
  /** Called after each event is fanned out, e.g. to export the last seq. */
  onEvent?: (event: EventRecord) => void;
}

export interface SubscribeOptions {
  /** Replay everything after this position first; undefined means "from now on". */
  after?: LogPosition;
  topics?: readonly string[] | null;
  /** Who is subscribing: required, so that no caller gets everything by forgetting it. */
  viewer: Viewer;
}

// A commit that was held back by an older transaction still running usually becomes readable moments
// later; one quick second look catches it without waiting for the poll.
const FOLLOW_UP_MS = 150;

export class EventHub {
  readonly #log: EventLog;
  readonly #options: EventHubOptions;
  readonly #batchSize: number;
  readonly #streams = new Set<EventStream>();
  #position: LogPosition | undefined;
  #pumping: Promise<void> | undefined;
  #again = false;
  #unlisten: (() => Promise<void>) | undefined;
  #poll: NodeJS.Timeout | undefined;
  #followUp: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(log: EventLog, options: EventHubOptions) {
    this.#log = log;
    this.#options = options;
    this.#batchSize = options.batchSize ?? 500;
  }

  /** Where the hub has read up to (undefined before start). */
  get position(): LogPosition | undefined {
    return this.#position;
  }

  get subscriberCount(): number {
    return this.#streams.size;
  }

  async start(): Promise<void> {
    this.#position = await this.#log.head();
    this.#unlisten = await this.#options.listen(() => this.#onNotify());
    this.#poll = setInterval(() => void this.poke(), this.#options.pollMs);
    this.#poll.unref();
    // Anything committed between head() and LISTEN would otherwise wait for the poll.
    await this.poke();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#poll);
    clearTimeout(this.#followUp);
    for (const stream of this.#streams) stream.end();
    this.#streams.clear();
    await this.#unlisten?.().catch(() => {});
    await this.#pumping;
  }

  /**
   * A stream of events: first those after `after` (read from the log as the consumer pulls), then
   * live ones, each once and in log order.
   */
  subscribe(options: SubscribeOptions): AsyncIterableIterator<EventRecord> {
    if (this.#stopped || !this.#position) throw new Error('EventHub is not running');
    const streamOptions: EventStreamOptions = {
      log: this.#log,
      batchSize: this.#batchSize,
      topics: options.topics ?? null,
      viewer: options.viewer,
      // Registered before any replay read, so no live event can fall between the replay and the feed.
      start: options.after ?? this.#position,
      replay: options.after !== undefined,
      onEnd: (s) => this.#streams.delete(s),
    };
    const stream = new EventStream(streamOptions);
    this.#streams.add(stream);
    return stream;
  }

  /** Reads whatever is new and fans it out; concurrent calls coalesce into one more pass. */
  poke(): Promise<void> {
    if (this.#stopped || !this.#position) return Promise.resolve();
    if (this.#pumping) {
      this.#again = true;
      return this.#pumping;
    }
    this.#pumping = this.#pump().finally(() => {
      this.#pumping = undefined;
    });
    return this.#pumping;
  }

  #onNotify(): void {
    void this.poke();
    clearTimeout(this.#followUp);
    this.#followUp = setTimeout(() => void this.poke(), FOLLOW_UP_MS);
    this.#followUp.unref();
  }

  async #pump(): Promise<void> {
    do {
      this.#again = false;
      try {
        let batch: EventRecord[];
        do {
          batch = await this.#log.readAfter(this.#position!, { limit: this.#batchSize });
          for (const event of batch) this.#fanOut(event);
        } while (batch.length === this.#batchSize && !this.#stopped);
      } catch (err) {
        this.#options.onError?.(err);
        return;
      }
    } while (this.#again && !this.#stopped);
  }

  #fanOut(event: EventRecord): void {
    const position = { txId: event.txId, seq: event.seq };
    if (comparePositions(position, this.#position!) <= 0) return;
    this.#position = position;
    for (const stream of this.#streams) stream.offer(event);
    this.#options.onEvent?.(event);
  }
}
