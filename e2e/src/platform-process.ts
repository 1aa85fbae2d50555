// Starts the whole platform (`scripts/start.ts`) as a child process on a free port, as a user would with
// `npm start`, and stops it with a signal; its output is kept for assertions and failure messages.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export interface Platform {
  baseUrl: string;
  output(): string;
  startMs: number;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startPlatform(env: Record<string, string>, timeoutMs = 240_000): Promise<Platform> {
  const started = Date.now();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    IOC_SKIP_WEB_BUILD: '1',
    ...env,
  };
  // The embedded mode is what a newcomer gets: no DATABASE_URL at all.
  if (!('DATABASE_URL' in env)) delete childEnv.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`platform not ready after ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    const check = () => {
      const m = /public map\s+(http:\/\/localhost:\d+)\//.exec(out);
      if (m && /ready in/.test(out)) {
        clearTimeout(timer);
        resolve(m[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`platform exited with ${code} before it was ready:\n${out}`));
    });
  });
  return {
    baseUrl,
    startMs: Date.now() - started,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}
