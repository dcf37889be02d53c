import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ChildMeasurement {
  readonly code: number | null;
  readonly elapsedMs: number;
  /** Peak resident set size in MB, from /proc/<pid>/status VmHWM (the kernel's high-water mark). */
  readonly peakRssMb: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command and samples its peak RSS from /proc while it runs (Linux). */
export function measureChild(command: string, args: readonly string[], cwd: string): Promise<ChildMeasurement> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const sample = (): void => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // The process has exited between samples.
      }
    };
    const timer = setInterval(sample, 25);
    child.on('error', reject);
    child.on('exit', () => sample());
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code, elapsedMs: performance.now() - startedAt, peakRssMb: peakKb / 1024, stdout, stderr });
    });
  });
}
