import cliProgress from 'cli-progress';

/** Where a long stage reports how far it got. Stages take one as a dependency (docs/architecture.md §8.8). */
export interface Progress {
  /** Adds `count` finished units. */
  tick(count?: number): void;
  /** Sets the total once it is known (or changes it). */
  setTotal(total: number): void;
  /** Stops drawing; prints a last line in plain mode. */
  finish(): void;
}

export interface ProgressSink {
  readonly stderr: NodeJS.WritableStream;
  readonly isTTY: boolean;
  readonly quiet: boolean;
  /** Plain mode prints a line at most this often (default 5 s); tests pass 0. */
  readonly plainIntervalMs?: number;
  readonly now?: () => number;
}

/** A progress display that matches where it runs: a bar on a TTY, periodic lines otherwise, nothing with --quiet. */
export function createProgress(sink: ProgressSink, label: string, total = 0): Progress {
  if (sink.quiet) return NO_PROGRESS;
  return sink.isTTY ? barProgress(sink, label, total) : plainProgress(sink, label, total);
}

export const NO_PROGRESS: Progress = { tick() {}, setTotal() {}, finish() {} };

function barProgress(sink: ProgressSink, label: string, total: number): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream: sink.stderr as NodeJS.WriteStream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const startedAt = Date.now();
  let done = 0;
  bar.start(total, 0, { rate: '0' });
  const rate = (): string => (done / Math.max(0.001, (Date.now() - startedAt) / 1000)).toFixed(0);
  return {
    tick(count = 1) {
      done += count;
      bar.update(done, { rate: rate() });
    },
    setTotal(newTotal) {
      bar.setTotal(newTotal);
    },
    finish() {
      bar.update(done, { rate: rate() });
      bar.stop();
    },
  };
}

function plainProgress(sink: ProgressSink, label: string, initialTotal: number): Progress {
  const now = sink.now ?? Date.now;
  const intervalMs = sink.plainIntervalMs ?? 5000;
  const startedAt = now();
  let total = initialTotal;
  let done = 0;
  let lastPrintedAt = startedAt;
  const line = (): string => {
    const seconds = Math.max(0.001, (now() - startedAt) / 1000);
    const of = total > 0 ? `/${total}` : '';
    return `${label}: ${done}${of} (${(done / seconds).toFixed(0)}/s, ${seconds.toFixed(0)} s)\n`;
  };
  return {
    tick(count = 1) {
      done += count;
      if (now() - lastPrintedAt >= intervalMs) {
        lastPrintedAt = now();
        sink.stderr.write(line());
      }
    },
    setTotal(newTotal) {
      total = newTotal;
    },
    finish() {
      if (done > 0 && intervalMs > 0 && now() - startedAt >= intervalMs) sink.stderr.write(line());
    },
  };
}
