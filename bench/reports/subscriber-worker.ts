// A client process holding many graphql-ws subscribers to `events` (anonymous, like public map viewers),
// each on its own WebSocket. Driven by the parent over IPC (live-events.bench.ts):
//   parent → {type:'start'}  count from now; → {type:'progress'}; → {type:'finish', refs, out}
//   worker → {type:'subscribed'} → {type:'ready'} (every subscriber has had an event) → progress → result
// Receipt times are wall-clock ms (performance.timeOrigin + now), comparable with the parent's.
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { wallMs } from './stats.ts';

export type ToWorker =
  | { type: 'start' }
  | { type: 'progress' }
  /** refs: [reportId, occurredAtMs, answeredAtMs or -1] of every report committed in the measured run. */
  | { type: 'finish'; refs: Array<[number, number, number]>; out: string };

export type FromWorker =
  | { type: 'subscribed' }
  | { type: 'ready' }
  | { type: 'progress'; received: number }
  | {
      type: 'result';
      subscribers: number;
      delivered: number;
      missing: number;
      duplicates: number;
      errors: number;
      firstError: string | undefined;
      cpuPercent: number;
      loopDelayP99Ms: number;
      /** Float64 files: receipt − occurred_at, receipt − HTTP response, one per delivery. */
      files: { fromOccurred: string; fromResponse: string };
    };

const [wsUrl, countArg] = process.argv.slice(2);
const count = Number(countArg);
if (!wsUrl || !Number.isInteger(count) || count < 1 || !process.send) {
  console.error('usage: (forked) subscriber-worker.ts <ws-url> <subscribers>');
  process.exit(2);
}
const send = (m: FromWorker) => process.send!(m);

const SUBSCRIPTION = `subscription E { events(topics: ["report"]) { seq topic type entityId occurredAt payload } }`;

interface Subscriber {
  client: Client;
  ids: number[];
  times: number[];
  any: boolean;
}
const subscribers: Subscriber[] = [];
let counting = false;
let received = 0;
let errors = 0;
let firstError: string | undefined;
let notReady = count;
const delay = monitorEventLoopDelay({ resolution: 10 });
let cpu0 = process.cpuUsage();
let wall0 = performance.now();

for (let i = 0; i < count; i++) {
  const s: Subscriber = {
    client: createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false }),
    ids: [],
    times: [],
    any: false,
  };
  subscribers.push(s);
  s.client.subscribe<{ events: { type: string; entityId: string | null } }>(
    { query: SUBSCRIPTION },
    {
      next: (msg) => {
        const t = wallMs();
        if (!s.any) {
          s.any = true;
          if (--notReady === 0) send({ type: 'ready' });
        }
        const e = msg.data?.events;
        if (!counting || !e || e.type !== 'report.submitted') return;
        s.ids.push(Number(e.entityId));
        s.times.push(t);
        received++;
      },
      error: (err) => {
        errors++;
        firstError ??= describe(err);
      },
      complete: () => {},
    },
  );
  // Open sockets in small groups: a thousand handshakes at once is a test of the listen backlog, not of us.
  if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20));
}
send({ type: 'subscribed' });

process.on('message', (m: ToWorker) => {
  if (m.type === 'start') {
    counting = true;
    delay.enable();
    cpu0 = process.cpuUsage();
    wall0 = performance.now();
  } else if (m.type === 'progress') {
    send({ type: 'progress', received });
  } else if (m.type === 'finish') {
    finish(m.refs, m.out);
  }
});

function finish(refs: Array<[number, number, number]>, out: string): void {
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - wall0;
  delay.disable();
  const ref = new Map(refs.map(([id, occurred, responded]) => [id, { occurred, responded }]));
  const fromOccurred: number[] = [];
  const fromResponse: number[] = [];
  let missing = 0;
  let duplicates = 0;
  for (const s of subscribers) {
    const seen = new Set<number>();
    s.ids.forEach((id, k) => {
      const r = ref.get(id);
      if (!r) return; // a warm-up report
      if (seen.has(id)) {
        duplicates++;
        return;
      }
      seen.add(id);
      fromOccurred.push(s.times[k]! - r.occurred);
      if (r.responded >= 0) fromResponse.push(s.times[k]! - r.responded);
    });
    missing += ref.size - seen.size;
  }
  const files = { fromOccurred: `${out}.occurred.f64`, fromResponse: `${out}.response.f64` };
  fs.writeFileSync(files.fromOccurred, Buffer.from(Float64Array.from(fromOccurred).buffer));
  fs.writeFileSync(files.fromResponse, Buffer.from(Float64Array.from(fromResponse).buffer));
  send({
    type: 'result',
    subscribers: subscribers.length,
    delivered: fromOccurred.length,
    missing,
    duplicates,
    errors,
    firstError,
    cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
    loopDelayP99Ms: delay.percentile(99) / 1e6,
    files,
  });
  void Promise.all(subscribers.map((s) => s.client.dispose())).finally(() => process.disconnect());
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'code' in err) {
    const e = err as { code: unknown; reason?: unknown };
    return `close ${String(e.code)} ${String(e.reason ?? '')}`;
  }
  return JSON.stringify(err);
}
