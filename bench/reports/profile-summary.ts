// Where a profiled server spent its CPU: self time by package (or source folder) and by function, from the
// V8 profiles `run.ts --profile DIR` makes.
//
//   npx tsx bench/reports/profile-summary.ts DIR [--top 25]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = `${path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')}/`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [dir] = process.argv.slice(2);
const topAt = process.argv.indexOf('--top');
const top = topAt > 0 ? Number(process.argv[topAt + 1]) : 25;
if (!dir || !fs.existsSync(dir)) {
  console.error('usage: profile-summary.ts DIR [--top 25]');
  process.exit(2);
}

for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    byPackage.set(
      owner(frame.url, frame.functionName),
      (byPackage.get(owner(frame.url, frame.functionName)) ?? 0) + us,
    );
    const key = `${frame.functionName || '(anonymous)'} ${short(frame.url)}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const show = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `  ${((us / total) * 100).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  console.log(
    `${file}: ${(total / 1e6).toFixed(1)} s sampled\nby package:\n${show(byPackage)}\nby function:\n${show(byFunction)}\n`,
  );
}

function owner(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return url;
  const src = /^([^/]+\/(?:src|test)\/[^/]+)/.exec(short(url));
  return src ? src[1]! : short(url);
}

function short(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  return file.startsWith(root) ? file.slice(root.length).replace(/^.*node_modules\//, '') : file;
}
