import { fileURLToPath } from 'node:url';
import type { DemoStep } from './demo-cutover.js';

/** The international sample (samples/README.md): DE block and extensions, a UK partial port, AU codes, an EU bundle. */
export const INTERNATIONAL_SHEET = fileURLToPath(new URL('../../samples/international.xlsx', import.meta.url));
const CAMPAIGN = 'demo-intl';

/**
 * The codes the numbers' holders received, read from the simulator's control route `GET /_sim/verification_codes`
 * (in real life each holder reads an SMS), typed into verification.xlsx's Codes sheet as text, as a person would.
 * Returns the lines the demo prints.
 */
export async function fillCodesFromSimulator(simOrigin: string, verificationFile: string): Promise<string[]> {
  const answer = await fetch(`${simOrigin}/_sim/verification_codes`);
  if (!answer.ok) throw new Error(`simulator control route /_sim/verification_codes answered HTTP ${answer.status}`);
  const codes = new Map(((await answer.json()) as { data: Array<{ phone_number: string; code: string }> }).data.map((c) => [c.phone_number, c.code]));
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(verificationFile);
  const sheet = workbook.getWorksheet('Codes');
  if (sheet === undefined) throw new Error(`${verificationFile}: no Codes sheet`);
  const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const numberColumn = header.indexOf('phone_number');
  const codeColumn = header.indexOf('code');
  const lines: string[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const phoneNumber = String(row.getCell(numberColumn).value ?? '');
    const code = codes.get(phoneNumber);
    if (code === undefined || String(row.getCell(header.indexOf('status')).value ?? '') === 'verified') return;
    row.getCell(codeColumn).value = code;
    lines.push(`  ${phoneNumber} → ${code}`);
  });
  await workbook.xlsx.writeFile(verificationFile);
  return lines;
}

/**
 * The international sample in the demo (README "AU ownership checks"): submit --confirm (the AU mobiles stay
 * drafts: their holders must prove ownership), verify send, the codes read from the simulator's control
 * route and typed into verification.xlsx (said so on screen), verify apply, submit --confirm again.
 */
export function internationalSteps(sim: { readonly origin: string }, outDir: (step: string) => string): DemoStep[] {
  const verificationFile = `${outDir('intl-verify')}/verification.xlsx`;
  return [
    { name: 'intl-submit', argv: ['submit', INTERNATIONAL_SHEET, '--campaign', CAMPAIGN, '--confirm'] },
    { name: 'intl-verify', argv: ['verify', 'send', '--campaign', CAMPAIGN] },
    {
      name: 'intl-verified',
      argv: ['verify', 'apply', '--campaign', CAMPAIGN, verificationFile],
      before: async () => {
        const lines = await fillCodesFromSimulator(sim.origin, verificationFile);
        return `the holders' codes, read from the simulator's control route GET /_sim/verification_codes (in real life each holder reads an SMS), typed into ${verificationFile}:\n${lines.join('\n')}`;
      },
    },
    { name: 'intl-confirm', argv: ['submit', INTERNATIONAL_SHEET, '--campaign', CAMPAIGN, '--confirm'] },
  ];
}
