import { existsSync } from 'node:fs';

/**
 * Debian's `chromium` (`.ci/run` installs it with apt-get when missing); `CHROMIUM_PATH` points at
 * another build. Puppeteer never downloads a browser here (puppeteer-core).
 */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];
  return candidates.find((candidate): candidate is string => candidate !== undefined && candidate !== '' && existsSync(candidate));
}

/** Headless, and without the sandbox (CI runs as root, where Chromium's sandbox refuses to start). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'];
