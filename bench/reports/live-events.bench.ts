// Part 2, live events: `subscribers` anonymous graphql-ws subscribers to `events` spread over
// `subscriberProcs` client processes, while reports are submitted at `rate` per second for `liveSeconds`
// (open loop: on schedule, whatever the answers). Counts deliveries (each subscriber must get every
// report.submitted exactly once) and the time from commit to receipt.
//
// Commit time is bracketed: events.occurred_at is now() of the submitting transaction, i.e. its start —
// before the commit, so "receipt − occurred_at" over-states the delay by the transaction's length; the
// HTTP answer comes after the commit, so "receipt − answer" under-states it. The truth lies between.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { BenchOptions } from './options.ts';
import type { ReportInput } from './report-inputs.ts';
import type { ScratchDatabases } from './scratch-databases.ts';
import { cpuSeconds, login, startGisApi } from './servers.ts';
import { quantile, quantileSorted, sleep, wallMs } from './stats.ts';
import type { FromWorker, ToWorker } from './subscriber-worker.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const SUBMIT = `mutation S($input: SubmitReportInput!) { submitReport(input: $input) { id } }`;

type WorkerResult = Extract<FromWorker, { type: 'result' }>;

export interface LiveResult {
  subscribers: number;
  procs: number;
  connectSeconds: number;
  /** Reports the schedule sent, answered with an id, and committed (answered or not). */
  scheduled: number;
  answered: number;
  committed: number;
  failedSubmissions: number;
  firstSubmitError: string | undefined;
  achievedRate: number;
  submitP50: number;
  submitP99: number;
  expected: number;
  delivered: number;
  missing: number;
  duplicates: number;
  subscriptionErrors: number;
  firstSubscriptionError: string | undefined;
  drainSeconds: number;
  fromOccurred: { p50: number; p99: number; max: number };
  fromResponse: { p50: number; p99: number; max: number };
  apiCpuPercent: number;
  workers: Array<{ subscribers: number; cpuPercent: number; loopDelayP99Ms: number }>;
}

class Worker {
  readonly #child: ChildProcess;
  readonly #waiting = new Map<string, Array<(m: FromWorker) => void>>();

  constructor(wsUrl: string, subscribers: number) {
    this.#child = fork(path.join(here, 'subscriber-worker.ts'), [wsUrl, String(subscribers)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child.on('message', (m: FromWorker) => {
      const queue = this.#waiting.get(m.type);
      queue?.shift()?.(m);
    });
  }

  send(m: ToWorker): void {
    this.#child.send(m);
  }

  next<T extends FromWorker['type']>(type: T, timeoutMs: number): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`subscriber process: no "${type}" within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const queue = this.#waiting.get(type) ?? [];
      queue.push((m) => {
        clearTimeout(timer);
        resolve(m as Extract<FromWorker, { type: T }>);
      });
      this.#waiting.set(type, queue);
    });
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5000);
    if (this.#child.connected) this.#child.disconnect();
    this.#child.kill('SIGTERM');
    await exited;
    clearTimeout(timer);
  }
}

export async function benchLiveEvents(
  o: BenchOptions,
  dbs: ScratchDatabases,
  inputs: readonly ReportInput[],
): Promise<LiveResult> {
  const liveDb = await dbs.clone('live');
  const server = await startGisApi(liveDb.url, 10);
  const database = await dbs.open(liveDb.name, 1);
  const workers: Worker[] = [];
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-bench-live-'));
  try {
    const token = await login(server.url, 'operator');
    let next = 0;
    const submit = async (signal?: AbortSignal) => {
      const r = inputs[next++ % inputs.length]!;
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: SUBMIT,
          variables: {
            input: {
              lat: r.lat,
              lng: r.lng,
              description: r.description,
              categoryCode: r.categoryCode,
              source: 'HOTLINE',
            },
          },
        }),
        signal,
      });
      const body = (await res.json()) as { data?: { submitReport: { id: string } }; errors?: unknown };
      const id = body.data?.submitReport.id;
      if (!id) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body.errors)}`);
      return Number(id);
    };

    // Connect every subscriber, then submit warm-up reports until each one has received an event:
    // from then on every subscription is live on the server.
    const t0 = performance.now();
    const per = Math.ceil(o.subscribers / o.subscriberProcs);
    for (let left = o.subscribers; left > 0; left -= per) {
      workers.push(new Worker(server.wsUrl, Math.min(per, left)));
    }
    await Promise.all(workers.map((w) => w.next('subscribed', 120_000)));
    const ready = Promise.all(workers.map((w) => w.next('ready', 120_000)));
    let allReady = false;
    void ready.then(() => (allReady = true)).catch(() => {});
    for (let i = 0; i < 240 && !allReady; i++) {
      await submit();
      await Promise.race([sleep(500), ready]);
    }
    await ready;
    const connectSeconds = (performance.now() - t0) / 1000;
    console.error(
      `  live: ${o.subscribers} subscribers live after ${connectSeconds.toFixed(1)} s; ${o.rate}/s for ${o.liveSeconds} s…`,
    );
    for (const w of workers) w.send({ type: 'start' });
    await sleep(1000);
    // Every report.submitted after this seq belongs to the measured run.
    const startSeq = (
      await sql<{ seq: string }>`select coalesce(max(seq), 0)::text as seq from events`.execute(database.db)
    ).rows[0]!.seq;

    // Open loop: report i leaves at start + i / rate, whatever happened to the ones before. Requests
    // still unanswered 30 s after the last one left are abandoned (counted as unanswered).
    const total = o.rate * o.liveSeconds;
    const responded = new Map<number, number>();
    const submitMs: number[] = [];
    let failed = 0;
    let firstSubmitError: string | undefined;
    // One controller per request (fetch caps listeners on a shared signal at 1,500).
    const pending = new Set<AbortController>();
    const cpu0 = cpuSeconds(server.pid);
    const start = performance.now();
    const inFlight: Array<Promise<void>> = [];
    for (let i = 0; i < total; i++) {
      await sleep(start + (i * 1000) / o.rate - performance.now());
      const sent = performance.now();
      const abort = new AbortController();
      pending.add(abort);
      inFlight.push(
        submit(abort.signal)
          .then(
            (id) => {
              responded.set(id, wallMs());
              submitMs.push(performance.now() - sent);
            },
            (err: unknown) => {
              failed++;
              firstSubmitError ??= err instanceof Error ? err.message : String(err);
            },
          )
          .finally(() => pending.delete(abort)),
      );
    }
    const giveUp = setTimeout(() => {
      for (const abort of pending) abort.abort(new Error('no answer within 30 s of the last send'));
    }, 30_000);
    await Promise.all(inFlight);
    clearTimeout(giveUp);
    const submitSeconds = (performance.now() - start) / 1000;
    await sleep(1000); // an abandoned request may still be committing

    // What was committed, answered or not: each of these must reach every subscriber.
    const committed = await sql<{ id: string; ms: number }>`
      select entity_id as id, extract(epoch from occurred_at) * 1000 as ms
      from events where type = 'report.submitted' and seq > ${startSeq}::bigint`.execute(database.db);
    const refs: Array<[number, number, number]> = committed.rows.map((r) => [
      Number(r.id),
      Number(r.ms),
      responded.get(Number(r.id)) ?? -1, // -1: committed, but the answer never came
    ]);

    // Wait until every delivery has arrived, or nothing more has come for 20 s (at most 120 s): a slow
    // transaction still open holds back every event after it (the log is read below the oldest running
    // transaction), so late is not lost.
    const expected = refs.length * o.subscribers;
    const drainStart = performance.now();
    let received = 0;
    let lastChange = performance.now();
    for (let i = 0; i < 480 && received < expected && performance.now() - lastChange < 20_000; i++) {
      await sleep(250);
      const counts = await Promise.all(
        workers.map((w) => {
          const p = w.next('progress', 10_000);
          w.send({ type: 'progress' });
          return p;
        }),
      );
      const now = counts.reduce((a, c) => a + c.received, 0);
      if (now !== received) lastChange = performance.now();
      received = now;
    }
    const drainSeconds = (performance.now() - drainStart) / 1000;
    const apiCpuPercent = ((cpuSeconds(server.pid) - cpu0) / (submitSeconds + drainSeconds)) * 100;

    const results: WorkerResult[] = await Promise.all(
      workers.map((w, k) => {
        const p = w.next('result', 120_000);
        w.send({ type: 'finish', refs, out: path.join(outDir, `worker-${k}`) });
        return p;
      }),
    );
    const merged = (key: 'fromOccurred' | 'fromResponse') => {
      const parts = results.map((r) => {
        const b = fs.readFileSync(r.files[key]);
        return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
      });
      const all = new Float64Array(parts.reduce((a, p) => a + p.length, 0));
      let at = 0;
      for (const p of parts) {
        all.set(p, at);
        at += p.length;
      }
      all.sort();
      return {
        p50: quantileSorted(all, 0.5),
        p99: quantileSorted(all, 0.99),
        max: all[all.length - 1] ?? NaN,
      };
    };
    return {
      subscribers: o.subscribers,
      procs: workers.length,
      connectSeconds,
      scheduled: total,
      answered: responded.size,
      committed: refs.length,
      failedSubmissions: failed,
      firstSubmitError,
      achievedRate: responded.size / submitSeconds,
      submitP50: quantile(submitMs, 0.5),
      submitP99: quantile(submitMs, 0.99),
      expected,
      delivered: results.reduce((a, r) => a + r.delivered, 0),
      missing: results.reduce((a, r) => a + r.missing, 0),
      duplicates: results.reduce((a, r) => a + r.duplicates, 0),
      subscriptionErrors: results.reduce((a, r) => a + r.errors, 0),
      firstSubscriptionError: results.find((r) => r.firstError)?.firstError,
      drainSeconds,
      fromOccurred: merged('fromOccurred'),
      fromResponse: merged('fromResponse'),
      apiCpuPercent,
      workers: results.map((r) => ({
        subscribers: r.subscribers,
        cpuPercent: r.cpuPercent,
        loopDelayP99Ms: r.loopDelayP99Ms,
      })),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await database.close();
    await server.stop();
    await dbs.drop(liveDb.name);
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
