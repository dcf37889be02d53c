import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores on CI: spawned CLIs and the simulator share them.
    maxWorkers: 2,
    // it.concurrent cases spawn CLIs: three at a time keeps a loaded 2-core machine inside the timeouts.
    maxConcurrency: 3,
    // CI also keeps a JSON report, from which .ci/run prints a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results.json' }]] : ['default'],
  },
});
