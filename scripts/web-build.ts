// Builds ioc-web when its bundle is missing or older than its sources, so `npm start` always serves the current app.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const webDir = path.resolve(import.meta.dirname, '..', 'ioc-web');
export const webDist = path.join(webDir, 'dist');

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((m, f) => Math.max(m, newestMtime(path.join(p, f))), st.mtimeMs);
}

export function ensureWebBuilt(log: (line: string) => void): void {
  const index = path.join(webDist, 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json', 'public']
    .map((f) => path.join(webDir, f))
    .filter((f) => fs.existsSync(f));
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (built > 0 && sources.every((s) => newestMtime(s) <= built)) return;
  log(built ? 'web app sources changed: rebuilding…' : 'building the web app (first start only)…');
  const r = spawnSync('npm', ['run', 'build', '-w', 'ioc-web'], {
    stdio: 'inherit',
    cwd: path.dirname(webDir),
  });
  if (r.status !== 0) throw new Error('building ioc-web failed (see the output above)');
}
