import { spawn } from 'node:child_process';
import { CLI_PATH, REPO_ROOT, type CliResult } from '../helpers/run-cli.js';

/**
 * Spawns the built CLI with a clean environment and sends it SIGINT (Ctrl-C) once `isTime()`
 * says so (polled every 10 ms; it is given the stdout so far), as a person would in the middle of a run.
 */
export function runCliInterrupted(
  args: readonly string[],
  env: Record<string, string>,
  isTime: (stdout: string) => boolean,
  cwd = REPO_ROOT,
): Promise<CliResult & { wasInterrupted: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let wasInterrupted = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const poll = setInterval(() => {
      if (!wasInterrupted && isTime(stdout)) {
        wasInterrupted = true;
        child.kill('SIGINT');
      }
    }, 10);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, wasInterrupted });
    });
  });
}
