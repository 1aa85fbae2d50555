// Reports benchmark (issue 3; on demand, not in CI): submission against plain INSERT, live events to 1,000
// graphql-ws subscribers, and bbox reads against PostGraphile 5 — each beside its baseline in one run.
//
//   npm run bench -- reports [--only submit,live,reads] [--clients 10] [--submit-seconds 20]
//     [--subscribers 1000] [--subscriber-procs 2] [--rate 100] [--live-seconds 30]
//     [--reports 100000] [--connections 10] [--read-seconds 20] [--profile DIR]
//
// Needs a PostgreSQL + PostGIS server at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
// on which it may create databases: it builds a template (migrations + reference data), clones it for each
// part, and drops them all at the end. Servers run as processes of their own on 127.0.0.1; progress goes to
// stderr, the Markdown for bench/RESULTS.md to stdout.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DEFAULT_DATABASE_URL, describeMachine, loadLine, machineLine } from '../machine.ts';
import { benchLiveEvents } from './live-events.bench.ts';
import { liveTable, readsTable, submissionTable } from './markdown.ts';
import { OptionsError, readOptions, type BenchOptions } from './options.ts';
import { benchReads } from './reads.bench.ts';
import { makeReportInputs } from './report-inputs.ts';
import { ScratchDatabases } from './scratch-databases.ts';
import { killAllNow, profileServersInto, stopAll } from './servers.ts';
import { benchSubmission } from './submission.bench.ts';

let o: BenchOptions;
try {
  o = readOptions();
} catch (err) {
  if (!(err instanceof OptionsError)) throw err;
  console.error(err.message);
  process.exit(2);
}

const dbs = new ScratchDatabases(o.adminUrl);
if (o.profileDir) profileServersInto(o.profileDir);
let cleaning: Promise<void> | undefined;
const cleanUp = () => (cleaning ??= stopAll().finally(() => dbs.dropAll()));
process.on('exit', killAllNow);
process.once('uncaughtException', (err) => {
  console.error(err);
  void cleanUp().finally(() => process.exit(1));
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping servers and dropping the scratch databases…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

const out: string[] = [];
const began = new Date();
try {
  const machine = await describeMachine(o.adminUrl);
  const args = process.argv.slice(2).join(' ');
  out.push(`### Reports (\`bench/reports\`), ${began.toISOString().slice(0, 16).replace('T', ' ')} UTC`, '');
  out.push(`Command: \`npm run bench -- reports${args ? ` ${args}` : ''}\``);
  if (!o.underRunner) out.push(machineLine(machine));
  out.push(`Load average (1/5/15 min) at the start: ${loadLine()}.`, '');

  console.error(
    `reports bench: template database on ${o.adminUrl === DEFAULT_DATABASE_URL ? 'the default server' : 'DATABASE_URL'}…`,
  );
  await dbs.createTemplate();
  const template = await dbs.open(dbs.template, 2);
  const inputs = await makeReportInputs(template, 10_000, 7).finally(() => template.close());

  if (o.parts.includes('submit')) {
    out.push(submissionTable(await benchSubmission(o, dbs, inputs), o.submitSeconds), '');
  }
  if (o.parts.includes('live')) {
    out.push(liveTable(await benchLiveEvents(o, dbs, inputs), o.rate, o.liveSeconds), '');
  }
  if (o.parts.includes('reads')) {
    // The exports map hides package.json: read it beside the resolved entry point (dist/index.js).
    const entry = createRequire(import.meta.url).resolve('postgraphile');
    const { version } = JSON.parse(
      fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8'),
    ) as {
      version: string;
    };
    out.push(readsTable(await benchReads(o, dbs), version), '');
  }
  out.push(
    `Load average at the end: ${loadLine()}; ${Math.round((Date.now() - began.getTime()) / 1000)} s in all.`,
  );
  console.log(out.join('\n'));
} catch (err) {
  // What was measured so far is still worth printing.
  if (out.length > 0) console.log(out.join('\n'));
  console.error(err);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
