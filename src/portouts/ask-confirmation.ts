import { createInterface } from 'node:readline/promises';

/**
 * Asks a yes/no question on the terminal; only `y`/`yes` agrees. The caller makes sure stdin is a TTY
 * (without one, a command must be told `--yes` instead of waiting on a prompt nobody sees).
 */
export async function askConfirmation(question: string, io: { stdin: NodeJS.ReadableStream; stderr: NodeJS.WritableStream; signal: AbortSignal }): Promise<boolean> {
  const prompt = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
  try {
    const answer = await prompt.question(`${question} [y/N] `, { signal: io.signal });
    return /^y(es)?$/i.test(answer.trim());
  } catch (error) {
    if (io.signal.aborted) return false;
    throw error;
  } finally {
    prompt.close();
  }
}
