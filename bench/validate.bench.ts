// `npm run bench -- validate [rows] [xlsxRows]`: validate throughput and peak RSS against a floor
// measured in the same run on the same file (issue 3). Targets: CSV ≥ 70% of its floor and < 400 MB;
// XLSX ≥ 60% of its floor and < 600 MB.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchCsv, writeBenchXlsx } from './generate-sheet.js';
import { measureChild } from './measure-child.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'bench', '.data');
const csvRows = Number(process.argv[2] ?? 1_000_000);
const xlsxRows = Number(process.argv[3] ?? 100_000);
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const cli = path.join(root, 'dist', 'cli.js');

interface CaseResult { readonly name: string; readonly rows: number; readonly ours: number; readonly floor: number; readonly rssMb: number; readonly floorRssMb: number; readonly target: number; readonly rssLimitMb: number }

async function runCase(format: 'csv' | 'xlsx', rows: number, target: number, rssLimitMb: number): Promise<CaseResult> {
  const input = path.join(dataDir, `validate-${rows}.${format}`);
  console.log(`generating ${rows} rows → ${path.relative(root, input)}`);
  if (format === 'csv') await writeBenchCsv(input, rows);
  else await writeBenchXlsx(input, rows);
  console.log(`  ${(statSync(input).size / 1e6).toFixed(1)} MB`);

  const floorOut = path.join(dataDir, `floor-out.${format}`);
  const floor = await measureChild(tsx, [path.join(root, 'bench', 'validate-floor.ts'), format, input, floorOut], root);
  if (floor.code !== 0) throw new Error(`floor failed: ${floor.stderr}`);
  const outDir = path.join(dataDir, `validate-out-${format}`);
  rmSync(outDir, { recursive: true, force: true });
  const ours = await measureChild(process.execPath, [cli, 'validate', input, '--format', format, '-o', outDir, '--quiet'], root);
  if (ours.code !== 0 && ours.code !== 1) throw new Error(`validate failed (${ours.code}): ${ours.stderr}`);
  return {
    name: `validate --format ${format}`, rows, target, rssLimitMb,
    ours: rows / (ours.elapsedMs / 1000), floor: rows / (floor.elapsedMs / 1000),
    rssMb: ours.peakRssMb, floorRssMb: floor.peakRssMb,
  };
}

mkdirSync(dataDir, { recursive: true });
const results = [await runCase('csv', csvRows, 0.7, 400), await runCase('xlsx', xlsxRows, 0.6, 600)];
let isMet = true;
for (const r of results) {
  const share = r.ours / r.floor;
  const ok = share >= r.target && r.rssMb < r.rssLimitMb;
  isMet &&= ok;
  console.log(
    `${r.name}: ${r.rows} rows, ${r.ours.toFixed(0)} rows/s vs floor ${r.floor.toFixed(0)} rows/s = ${(share * 100).toFixed(0)}% ` +
      `(target ≥ ${r.target * 100}%), peak RSS ${r.rssMb.toFixed(0)} MB (limit ${r.rssLimitMb}; floor ${r.floorRssMb.toFixed(0)} MB) ${ok ? 'OK' : 'MISSED'}`,
  );
}
process.exitCode = isMet ? 0 : 1;
