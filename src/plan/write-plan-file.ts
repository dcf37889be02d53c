import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { STATE_FILE_MODE } from '../campaign/state-dir.js';
import { writeFileAtomic } from '../output/atomic-file.js';
import { refuseOutDirOverInputs } from '../output/protected-paths.js';
import { planDocument, type PlanDocument } from './plan-document.js';
import type { PreparedPlan } from './prepare-plan.js';

/**
 * Writes `<outDir>/plan.json` (creating `outDir`) with each part's rows numbered as in the input
 * sheet; returns its path and the document. `plan` and `submit` both call it, so their plan.json
 * cannot differ.
 */
export async function writePlanFile(outDir: string, prepared: PreparedPlan, createdAt: Date): Promise<{ planPath: string; document: PlanDocument }> {
  // submit writes the plan before it sends anything: refuse an -o over the input here, not after sending.
  refuseOutDirOverInputs(outDir);
  await mkdir(outDir, { recursive: true });
  const planPath = path.join(outDir, 'plan.json');
  const rowNumbers = prepared.checked.map((c) => c.record.ref.row);
  const document = planDocument(prepared.plan, { file: prepared.source.file, sha256: prepared.inputSha256 }, (index) => rowNumbers[index] ?? 0, createdAt);
  // The plan holds customer data (addresses, account numbers): owner only, like the journal.
  await writeFileAtomic(planPath, `${JSON.stringify(document, null, 2)}\n`, STATE_FILE_MODE);
  return { planPath, document };
}
