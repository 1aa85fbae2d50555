// Rules for event subscriptions: which topics exist, what a cursor looks like, who may see what.
import { badInput } from '../errors.ts';
import type { User } from '../users/user.repository.ts';
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

  async subscribe(_user: User | null, args: EventSubscription): Promise<AsyncIterableIterator<EventRecord>> {
    const topics = this.validTopics(args.topics);
    const after = args.after == null ? undefined : await this.positionAfter(args.after);
    // "From now" means from what is committed now, not from wherever the hub's last wake-up left it.
    if (after === undefined) await this.hub.poke();
    // Writers keep private data (reporter contact, internal notes) out of event payloads, so every
    // event is public for now; per-role and per-area filtering plugs in here as `filter`.
    return this.hub.subscribe({ after, topics });
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
