// `npm run bench [-- SUITE… [--flag value…]]`: runs every benchmark suite (each bench/<suite>/run.ts), one
// after another so they never share the cores, after printing the machine once.
//
// Suites are the folders under bench/ holding a run.ts; naming some runs only those. Every other argument
// is handed to each suite that runs (suites ignore flags they do not know). A suite learns it runs under
// this runner from IOC_BENCH_RUNNER=1 and may then leave the machine line out of its own output.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DATABASE_URL, describeMachine, loadLine, machineLine } from './machine.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const suites = fs
  .readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(here, d.name, 'run.ts')))
  .map((d) => d.name)
  .sort();

const args = process.argv.slice(2);
const named = args.filter((a) => suites.includes(a));
const unknown = args.filter(
  (a, i) => !a.startsWith('-') && !suites.includes(a) && !args[i - 1]?.startsWith('-'),
);
if (unknown.length > 0) {
  console.error(`Unknown benchmark suite ${unknown.join(', ')}; the suites are: ${suites.join(', ')}`);
  process.exit(2);
}
const passed = args.filter((a) => !suites.includes(a));
const selected = named.length > 0 ? named : suites;

const databaseUrl = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
console.log(machineLine(await describeMachine(databaseUrl)));
console.log(`Load average before: ${loadLine()}. Suites: ${selected.join(', ')}.\n`);

// Ctrl-C reaches the running suite through the terminal's process group; wait for it to clean up.
process.on('SIGINT', () => {});
const failed: string[] = [];
for (const suite of selected) {
  console.log(`## ${suite}\n`);
  const started = Date.now();
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, suite, 'run.ts'), ...passed], {
      stdio: 'inherit',
      env: { ...process.env, IOC_BENCH_RUNNER: '1' },
    });
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  console.log(`\n(${suite}: exit ${code} after ${Math.round((Date.now() - started) / 1000)} s)\n`);
  if (code !== 0) failed.push(suite);
}
console.log(`Load average after: ${loadLine()}.`);
if (failed.length > 0) {
  console.error(`Failed: ${failed.join(', ')}`);
  process.exit(1);
}
