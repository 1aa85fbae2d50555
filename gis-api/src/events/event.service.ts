// Rules for event subscriptions: which topics exist, what a cursor looks like, who may see what.
import { badInput } from '../errors.ts';
import type { User } from '../users/user.repository.ts';
import { viewerOf } from './event-audience.ts';
import type { EventHub } from './event-hub.ts';
import type { EventLog, EventRecord } from './event.repository.ts';
import { LOG_START, type LogPosition } from './log-position.ts';

/** The topics the events table accepts (its CHECK constraint). */
export const EVENT_TOPICS = ['report', 'camera', 'facility', 'alert', 'unit', 'system'] as const;

export interface EventSubscription {
  after?: string | null;
  topics?: readonly string[] | null;
}

export class EventService {
  constructor(
    private readonly hub: EventHub,
    private readonly log: EventLog,
  ) {}

  /**
   * The caller's feed: what their role may see (event-audience.ts), after `args.after`. Events they may
   * not see are skipped without a trace, so the seqs they receive have gaps; resuming from the last seq
   * they received re-applies the same rule to the events after it, which keeps the feed exactly once
   * and in order. (The rule is the caller's at subscription time: a new role or unit applies from the
   * next subscription.)
   */
  async subscribe(user: User | null, args: EventSubscription): Promise<AsyncIterableIterator<EventRecord>> {
    const topics = this.validTopics(args.topics);
    const after = args.after == null ? undefined : await this.positionAfter(args.after);
    // "From now" means from what is committed now, not from wherever the hub's last wake-up left it.
    if (after === undefined) await this.hub.poke();
    return this.hub.subscribe({ after, topics, viewer: viewerOf(user) });
  }

  private validTopics(topics: readonly string[] | null | undefined): readonly string[] | null {
    if (topics == null) return null;
    if (topics.length === 0) throw badInput('topics must not be empty (omit it for every topic)');
    const unknown = topics.filter((t) => !(EVENT_TOPICS as readonly string[]).includes(t));
    if (unknown.length > 0) {
      throw badInput(
        `Unknown topic ${unknown.map((t) => `"${t}"`).join(', ')}; topics are ${EVENT_TOPICS.join(', ')}`,
      );
    }
    return [...new Set(topics)];
  }

  private async positionAfter(after: string): Promise<LogPosition> {
    if (!/^\d{1,19}$/.test(after)) throw badInput(`after must be an event seq (digits), got "${after}"`);
    if (/^0+$/.test(after)) return LOG_START;
    const position = await this.log.positionOf(after.replace(/^0+/, ''));
    if (!position) throw badInput(`after: no event has seq ${after}`);
    return position;
  }
}
