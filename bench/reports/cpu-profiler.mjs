// Preloaded into a server under test (NODE_OPTIONS=--import=…, set by run.ts --profile DIR; Node 20 refuses
// --cpu-prof there): records a V8 CPU profile from start to exit and writes it to IOC_BENCH_PROFILE_DIR.
import fs from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.IOC_BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  let written = false;
  // The main thread's session answers synchronously, so this completes even inside 'exit'.
  const write = () => {
    if (written) return;
    written = true;
    session.post('Profiler.stop', (err, result) => {
      if (err || !result) return;
      const file = path.join(dir, `${path.basename(process.argv[1] ?? 'node')}-${process.pid}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(result.profile));
    });
  };
  // On the stop signal itself: Apollo Server re-raises SIGTERM after its own stop, which ends the
  // process without an 'exit' event.
  process.prependListener('SIGTERM', write);
  process.on('exit', write);
}
