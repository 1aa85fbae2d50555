// A progress bar for long loads on a terminal; plain milestone lines when output is not a TTY (CI logs).
export interface Progress {
  tick(n?: number): void;
  done(): void;
}

export function progress(label: string, total: number, quiet = false): Progress {
  const out = process.stderr;
  const tty = Boolean(out.isTTY);
  let count = 0;
  let lastPct = -1;
  const started = Date.now();
  const draw = () => {
    const pct = total === 0 ? 100 : Math.floor((count / total) * 100);
    if (pct === lastPct) return;
    lastPct = pct;
    if (tty) {
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      out.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${pct}% ${count}/${total}`);
    } else if (pct % 25 === 0) {
      out.write(`${label}: ${pct}% (${count}/${total})\n`);
    }
  };
  return {
    tick(n = 1) {
      count = Math.min(total, count + n);
      if (!quiet) draw();
    },
    done() {
      count = total;
      if (quiet) return;
      draw();
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      out.write(tty ? ` ${secs}s\n` : `${label}: done in ${secs}s\n`);
    },
  };
}
