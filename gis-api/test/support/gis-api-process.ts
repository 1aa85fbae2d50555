// Runs the real standalone gis-api (src/main.ts) as a child process on a free port and reads the port
// back from its "listening on" line, like a second instance behind a load balancer.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const gisApiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface GisApiProcess {
  readonly pid: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** ws://127.0.0.1:<port>/graphql */
  readonly wsUrl: string;
  /** Everything it printed, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

export async function startGisApiProcess(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<GisApiProcess> {
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-media-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: gisApiDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      PORT: '0',
      HOST: '127.0.0.1',
      MEDIA_DIR: mediaDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const stop = (graceMs = 5000) =>
    stopChild(child, graceMs).finally(() => fs.rmSync(mediaDir, { recursive: true, force: true }));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`gis-api did not start within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onData = () => {
        const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
        if (!m) return;
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(Number(m[1]));
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`gis-api exited with ${code} before listening`));
      });
    });
    return {
      pid: child.pid!,
      url: `http://127.0.0.1:${port}`,
      wsUrl: `ws://127.0.0.1:${port}/graphql`,
      output: () => output,
      stop,
    };
  } catch (err) {
    await stop(1000);
    throw new Error(`${(err as Error).message}\n--- gis-api output ---\n${output}`);
  }
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
