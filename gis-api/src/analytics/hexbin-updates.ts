// The live hexbin feed: reads report events from the caller's event subscription, gathers those that
// arrive within a short interval into one batch, and turns each batch into an update (or nothing).
import type { EventRecord } from '../events/event.repository.ts';

const TIMEOUT = Symbol('timeout');

export class HexbinUpdateStream<U> implements AsyncIterableIterator<U> {
  readonly #events: AsyncIterableIterator<EventRecord>;
  readonly #coalesceMs: number;
  readonly #toUpdate: (batch: EventRecord[]) => Promise<U | null>;
  /** A read of the event feed still outstanding when a batch closed; the next batch starts with it. */
  #pending: Promise<IteratorResult<EventRecord>> | undefined;
  #done = false;

  constructor(
    events: AsyncIterableIterator<EventRecord>,
    coalesceMs: number,
    toUpdate: (batch: EventRecord[]) => Promise<U | null>,
  ) {
    this.#events = events;
    this.#coalesceMs = coalesceMs;
    this.#toUpdate = toUpdate;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<U> {
    return this;
  }

  async next(): Promise<IteratorResult<U>> {
    while (!this.#done) {
      const first = await this.#read();
      if (first.done) break;
      const batch = [first.value];
      const deadline = Date.now() + this.#coalesceMs;
      for (let left = this.#coalesceMs; left > 0 && !this.#done; left = deadline - Date.now()) {
        const next = await this.#readWithin(left);
        if (next === TIMEOUT) break;
        if (next.done) {
          this.#done = true;
          break;
        }
        batch.push(next.value);
      }
      const update = await this.#toUpdate(batch);
      if (update !== null) return { value: update, done: false };
    }
    this.#done = true;
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<U>> {
    this.#done = true;
    await this.#events.return?.();
    return { value: undefined, done: true };
  }

  #read(): Promise<IteratorResult<EventRecord>> {
    if (!this.#pending) {
      const read = this.#events.next();
      this.#pending = read;
      void read.then(
        () => {
          if (this.#pending === read) this.#pending = undefined;
        },
        () => {
          if (this.#pending === read) this.#pending = undefined;
        },
      );
    }
    return this.#pending;
  }

  async #readWithin(ms: number): Promise<IteratorResult<EventRecord> | typeof TIMEOUT> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMEOUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMEOUT), ms);
    });
    try {
      return await Promise.race([this.#read(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
