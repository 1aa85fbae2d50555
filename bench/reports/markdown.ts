// The Markdown the reports benchmark prints for bench/RESULTS.md: one table per part, baseline beside ours.
import type { LiveResult } from './live-events.bench.ts';
import type { ReadSide, ReadsResult } from './reads.bench.ts';
import { quantile, count, ms, ratio } from './stats.ts';
import type { SubmissionResult } from './submission.bench.ts';

export function submissionTable(r: SubmissionResult, seconds: number): string {
  const rate = (x: SubmissionResult['insert']) => x.completed / x.seconds;
  const row = (what: string, base: number, ours: number, fmt: (v: number) => string) =>
    `| ${what} | ${fmt(base)} | ${fmt(ours)} | ${ratio(ours, base)} |`;
  const w = r.written;
  return [
    `#### 1. Submission — ${r.clients} concurrent clients, ${seconds} s per side, each on a fresh clone of the seeded template`,
    '',
    '| | plain `INSERT` via `pg` (precomputed row) | `submitReport` via HTTP to gis-api | ours ÷ baseline |',
    '|---|---:|---:|---:|',
    row('reports/s', rate(r.insert), rate(r.api), count),
    row('p50 latency, ms', quantile(r.insert.latencies, 0.5), quantile(r.api.latencies, 0.5), ms),
    row('p99 latency, ms', quantile(r.insert.latencies, 0.99), quantile(r.api.latencies, 0.99), ms),
    `| completed / failed | ${count(r.insert.completed)} / ${r.insert.failed} | ${count(r.api.completed)} / ${r.api.failed} | |`,
    row('PostgreSQL backends, % of a core', r.insertPgCpuPercent, r.apiPgCpuPercent, (v) => v.toFixed(0)),
    `| gis-api process, % of a core | | ${r.apiCpuPercent.toFixed(0)} | |`,
    '',
    `gis-api wrote ${count(w.reports)} reports with ${count(w.history)} history rows, ${count(w.events)} report events and ` +
      `${count(w.duplicateCandidates)} duplicate-candidate pairs (warm-up included). Its pool had ${r.clients + 1} ` +
      `connections, one held by the event hub's LISTEN; the baseline's ${r.clients}.` +
      (r.api.firstError ? ` First failure: ${r.api.firstError}` : '') +
      (r.insert.firstError ? ` First INSERT failure: ${r.insert.firstError}` : ''),
  ].join('\n');
}

export function liveTable(r: LiveResult, rate: number, seconds: number): string {
  const pct = (r.delivered / Math.max(1, r.expected)) * 100;
  const bracket = (lo: number, hi: number) => `${ms(lo)} – ${ms(hi)}`;
  const workers = r.workers
    .map(
      (w) =>
        `${w.subscribers} subs: ${Math.round(w.cpuPercent)} % CPU, loop delay p99 ${ms(w.loopDelayP99Ms)} ms`,
    )
    .join('; ');
  return [
    `#### 2. Live events — ${count(r.subscribers)} graphql-ws subscribers in ${r.procs} client process(es), ${rate} reports/s for ${seconds} s`,
    '',
    '| | target | measured |',
    '|---|---:|---:|',
    `| reports submitted (open loop) | ${count(rate * seconds)} at ${rate}/s | ${count(r.scheduled)} sent, ${count(r.answered)} answered (${r.achievedRate.toFixed(1)}/s), ${count(r.failedSubmissions)} failed, ${count(r.committed)} committed |`,
    `| submitReport latency p50 / p99, ms | | ${ms(r.submitP50)} / ${ms(r.submitP99)} |`,
    `| deliveries (subscribers × committed reports) | ${count(r.expected)} | ${count(r.delivered)} (${pct.toFixed(2)} %), missing ${count(r.missing)}, duplicates ${count(r.duplicates)} |`,
    `| commit → receipt p50, ms | | ${bracket(r.fromResponse.p50, r.fromOccurred.p50)} |`,
    `| commit → receipt p99, ms | ≤ 250 | ${bracket(r.fromResponse.p99, r.fromOccurred.p99)} |`,
    `| commit → receipt max, ms | | ${bracket(r.fromResponse.max, r.fromOccurred.max)} |`,
    '',
    'Latencies are bracketed: the low figure counts from the moment the submitter had the HTTP answer (after the ' +
      'commit), the high one from `events.occurred_at` (the transaction’s start, before the commit).',
    `All ${count(r.subscribers)} subscriptions were live ${r.connectSeconds.toFixed(1)} s after the first connect; ` +
      `deliveries were checked complete ${(r.drainSeconds + 1).toFixed(1)} s after the last answer. ` +
      `gis-api used ${Math.round(r.apiCpuPercent)} % of a core; client processes: ${workers}.` +
      (r.subscriptionErrors > 0
        ? ` Subscription errors: ${r.subscriptionErrors} (${r.firstSubscriptionError}).`
        : '') +
      (r.firstSubmitError ? ` First failed submission: ${r.firstSubmitError}` : ''),
  ].join('\n');
}

export function readsTable(r: ReadsResult, postgraphileVersion: string): string {
  const sides = [r.postgraphile, r.postgraphileCustomPlans, r.ours] as const;
  const row = (what: string, pick: (s: ReadSide) => number, fmt: (v: number) => string) => {
    const [p, c, o] = sides.map(pick) as [number, number, number];
    return `| ${what} | ${fmt(p)} | ${fmt(c)} | ${fmt(o)} | ${ratio(o, p)} | ${ratio(o, c)} |`;
  };
  return [
    `#### 3. Reads — a page of 100 reports in a bbox, ${count(r.reports)} generated reports, autocannon ${r.connections} connections × ${r.seconds} s per side`,
    '',
    `| | PostGraphile ${postgraphileVersion} \`reportsInBbox\`, as it comes | PostGraphile, \`plan_cache_mode=force_custom_plan\` | gis-api \`reports\` | ours ÷ PostGraphile | ours ÷ PostGraphile custom plans |`,
    '|---|---:|---:|---:|---:|---:|',
    row(
      'requests/s',
      (s) => s.rps,
      (v) => v.toFixed(0),
    ),
    row('p50 latency, ms', (s) => s.p50, ms),
    row('p99 latency, ms', (s) => s.p99, ms),
    `| requests / failures | ${sides.map((s) => `${count(s.requests)} / ${s.failures}`).join(' | ')} | | |`,
    row(
      'server process CPU, % of a core',
      (s) => s.cpuPercent,
      (v) => v.toFixed(0),
    ),
    row(
      'PostgreSQL backends CPU, % of a core',
      (s) => s.pgCpuPercent,
      (v) => v.toFixed(0),
    ),
    '',
    'Boxes, requested in turn (reports inside): ' +
      r.boxes.map((b) => `${b.name} [${b.bbox.join(', ')}] (${count(b.inBox)})`).join('; ') +
      '. Each PostGraphile was first checked to answer the same 100 reports as gis-api, in the same order, with the same values.',
  ].join('\n');
}
