// Benchmark dispatcher: `npm run bench -- <name> [args…]` runs bench/<name>.bench.ts (with tsx), or all
// of them in turn when no name is given. Benchmarks measure; they never assert timings in tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');
const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length));

if (name !== undefined && !available.includes(name)) {
  console.error(`bench: unknown benchmark "${name}"; available: ${available.join(', ')}`);
  process.exit(2);
}
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
if (!existsSync(tsx)) {
  console.error('bench: tsx is missing; run npm ci');
  process.exit(2);
}
let failed = false;
for (const bench of name === undefined ? available : [name]) {
  console.log(`\n=== bench ${bench}`);
  const result = spawnSync(tsx, [path.join(benchDir, `${bench}.bench.ts`), ...rest], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
