// A graphql-ws client on a real socket that collects `events` subscription messages for assertions.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface ReceivedEvent {
  seq: string;
  topic: string;
  type: string;
  entityId: string | null;
  occurredAt: string;
  payload: unknown;
}

export interface EventCollector {
  events: ReceivedEvent[];
  errors: unknown[];
  /** Resolves once at least `n` events have arrived (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedEvent[]>;
  /** Resolves when the subscription reports an error. */
  waitForError(timeoutMs?: number): Promise<unknown>;
  stop(): Promise<void>;
}

export function connect(wsUrl: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams,
  });
}

export function collectEvents(
  client: Client,
  variables: { after?: string; topics?: string[] },
): EventCollector {
  const events: ReceivedEvent[] = [];
  const errors: unknown[] = [];
  let wake = () => {};
  const unsubscribe = client.subscribe<{ events: ReceivedEvent }>(
    {
      query: `subscription E($after: String, $topics: [String!]) {
        events(after: $after, topics: $topics) { seq topic type entityId occurredAt payload }
      }`,
      variables,
    },
    {
      next: (msg) => {
        if (msg.errors) errors.push(...msg.errors);
        if (msg.data) events.push(msg.data.events);
        wake();
      },
      error: (err) => {
        errors.push(err);
        wake();
      },
      complete: () => wake(),
    },
  );
  const until = (done: () => boolean, timeoutMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${what} (have ${events.length})`)),
        timeoutMs,
      );
      const check = () => {
        if (done()) {
          clearTimeout(timer);
          resolve();
        }
      };
      wake = check;
      check();
    });
  return {
    events,
    errors,
    async waitFor(n, timeoutMs = 10_000) {
      await until(() => events.length >= n, timeoutMs, `${n} events`);
      return events.slice(0, n);
    },
    async waitForError(timeoutMs = 10_000) {
      await until(() => errors.length > 0, timeoutMs, 'an error');
      return errors[0];
    },
    async stop() {
      unsubscribe();
    },
  };
}
