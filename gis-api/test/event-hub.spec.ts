// The hub and its streams against an in-memory log: the replay-to-live hand-off loses and repeats nothing.
import { describe, expect, it } from 'vitest';
import { EventHub } from '../src/events/event-hub.ts';
import { EVERYONE, type EventAudience, type Viewer } from '../src/events/event-audience.ts';
import type { EventLog, EventRecord } from '../src/events/event.repository.ts';
import { LOG_START, comparePositions, type LogPosition } from '../src/events/log-position.ts';

/** A log whose rows become readable when `commit` is called, like rows of finished transactions. */
class FakeLog implements EventLog {
  rows: EventRecord[] = [];
  /** Called before each read resolves, to interleave writes with reads. */
  beforeRead: (() => void) | undefined;
  #seq = 0;

  commit(n: number, topic = 'report', audience: Partial<EventAudience> = {}): string[] {
    const seqs: string[] = [];
    for (let i = 0; i < n; i++) {
      const seq = String(++this.#seq);
      this.rows.push({
        seq,
        txId: seq,
        topic,
        type: `${topic}.x`,
        entityId: null,
        payload: {},
        bbox: null,
        occurredAt: new Date(),
        audience: { visibility: 'public', unitId: null, ownerUserId: null, ...audience },
      });
      seqs.push(seq);
    }
    return seqs;
  }

  async readAfter(
    from: LogPosition,
    { limit, topics }: { limit: number; topics?: readonly string[] | null },
  ) {
    // A read sees the rows committed when it started, not those committed while it runs.
    const snapshot = [...this.rows];
    await Promise.resolve();
    this.beforeRead?.();
    return snapshot
      .filter(
        (r) =>
          comparePositions({ txId: r.txId, seq: r.seq }, from) > 0 && (!topics || topics.includes(r.topic)),
      )
      .slice(0, limit);
  }

  async head(): Promise<LogPosition> {
    const last = this.rows.at(-1);
    return last ? { txId: last.txId, seq: last.seq } : LOG_START;
  }

  async positionOf(seq: string) {
    const r = this.rows.find((row) => row.seq === seq);
    return r && { txId: r.txId, seq: r.seq };
  }
}

async function startHub(log: FakeLog, batchSize = 3) {
  const hub = new EventHub(log, { listen: async () => async () => {}, pollMs: 60_000, batchSize });
  await hub.start();
  return hub;
}

async function take(stream: AsyncIterator<EventRecord>, n: number): Promise<string[]> {
  const out: string[] = [];
  while (out.length < n) {
    const r = await stream.next();
    if (r.done) break;
    out.push(r.value.seq);
  }
  return out;
}

describe('event hub', () => {
  it('a live subscriber gets every event fanned out after it subscribed, in order', async () => {
    const log = new FakeLog();
    log.commit(2);
    const hub = await startHub(log);
    const stream = hub.subscribe({ viewer: EVERYONE });
    const seqs = log.commit(7);
    await hub.poke();
    expect(await take(stream, 7)).toEqual(seqs);
    await hub.stop();
  });

  it('replay across several pages hands over to live without a gap or a repeat, while the hub keeps fanning out', async () => {
    const log = new FakeLog();
    log.commit(10);
    const hub = await startHub(log);
    const stream = hub.subscribe({ after: { txId: '2', seq: '2' }, viewer: EVERYONE });
    // Every read (the stream's replay pages and the hub's own) lets two more events commit, and the
    // hub fans out in between, so live events arrive both before and during the replay.
    let writes = 0;
    log.beforeRead = () => {
      if (writes++ < 6) log.commit(2);
    };
    const pumping = (async () => {
      for (let i = 0; i < 6; i++) await hub.poke();
    })();
    const got = await take(stream, 20);
    await pumping;
    log.beforeRead = undefined;
    await hub.poke();
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 3)));
    await hub.stop();
  });

  it('a replaying subscriber that had to drop its held live events re-reads instead of losing them', async () => {
    const log = new FakeLog();
    log.commit(5);
    const hub = await startHub(log, 10);
    const stream = hub.subscribe({ after: LOG_START, viewer: EVERYONE });
    const offer = (e: EventRecord) => (stream as unknown as { offer(e: EventRecord): void }).offer(e);
    // While the first (short) replay page is being read, three events commit and the hub fans them
    // out, then a flood overflows the hold and it is dropped: the page alone must not end the replay.
    log.beforeRead = () => {
      log.beforeRead = undefined;
      for (const seq of log.commit(3)) offer(log.rows.find((r) => r.seq === seq)!);
      for (let i = 0; i < 10_001; i++) offer(log.rows[0]!);
    };
    expect(await take(stream, 8)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    await hub.stop();
  });

  it('topics filter both the replay and the live feed', async () => {
    const log = new FakeLog();
    log.commit(1, 'camera');
    log.commit(1, 'report');
    const hub = await startHub(log);
    const stream = hub.subscribe({ after: LOG_START, topics: ['camera'], viewer: EVERYONE });
    log.commit(1, 'report');
    log.commit(1, 'camera');
    await hub.poke();
    expect(await take(stream, 2)).toEqual(['1', '4']);
    await hub.stop();
  });

  it('a viewer gets only what it may see, replayed and live, and the hand-off still loses nothing', async () => {
    const log = new FakeLog();
    const officer: Viewer = { everything: false, ownerUserId: null, unitId: 7 };
    // The fake log does not filter, so the replay relies on the stream applying the same rule.
    const mine = (n: number) => log.commit(n, 'report', { visibility: 'staff', unitId: 7 });
    const theirs = (n: number) => log.commit(n, 'report', { visibility: 'staff', unitId: 8 });
    const expected = [...theirs(4), ...mine(1), ...log.commit(1)].slice(4);
    theirs(5); // a whole page of nothing to see: replay must read on past it
    const hub = await startHub(log);
    const stream = hub.subscribe({ after: LOG_START, viewer: officer });
    expected.push(...mine(2));
    theirs(2);
    await hub.poke();
    expected.push(...log.commit(1));
    await hub.poke();
    expect(await take(stream, expected.length)).toEqual(expected);
    await hub.stop();
  });

  it('ending a stream unsubscribes it and finishes a pending next()', async () => {
    const log = new FakeLog();
    const hub = await startHub(log);
    const stream = hub.subscribe({ viewer: EVERYONE });
    expect(hub.subscriberCount).toBe(1);
    const pending = stream.next();
    await stream.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(hub.subscriberCount).toBe(0);
    await hub.stop();
  });

  it('a live consumer that falls too far behind gets an error telling it to resubscribe', async () => {
    const log = new FakeLog();
    const hub = await startHub(log, 500);
    const stream = hub.subscribe({ viewer: EVERYONE });
    for (let i = 0; i < 21; i++) {
      log.commit(500);
      await hub.poke();
    }
    await expect(take(stream, 20_000)).rejects.toThrow('Subscriber fell too far behind');
    expect(hub.subscriberCount).toBe(0);
    await hub.stop();
  });
});
