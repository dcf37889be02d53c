import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES, openDocument, type OpenedDocument } from '../../../src/input/open-document.js';
import { startTestSimulator, findNumbers, type TestSimulator } from '../../sim/sim-fixture.js';
import { ACME, makeCampaignDir, readResults, runBulkport, writeSheet } from '../../submit/campaign-fixture.js';

// Issue 13, "Documents stay inside the campaign": every shape of a document cell that must never be
// read past its first bytes nor uploaded. Each case calls the one guarded open that plan and submit use.
let root: string;
let sheetDir: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'bulkport-adv-docs-'));
  sheetDir = path.join(root, 'campaign');
  await mkdir(path.join(sheetDir, 'docs'), { recursive: true });
  await mkdir(path.join(root, 'outside'), { recursive: true });
  await writeFile(path.join(root, 'outside', 'x.pdf'), '%PDF-1.4 not ours');
  await writeFile(path.join(sheetDir, 'docs', 'loa.pdf'), '%PDF-1.4 signed LOA');
  await writeFile(path.join(sheetDir, 'docs', 'scan.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
  await writeFile(path.join(sheetDir, 'docs', 'notes.pdf'), 'just text, renamed to .pdf\n');
  await symlink(path.join(root, 'outside', 'x.pdf'), path.join(sheetDir, 'docs', 'link.pdf'));
  await symlink(path.join(sheetDir, 'docs', 'loa.pdf'), path.join(sheetDir, 'docs', 'inner-link.pdf'));
  await mkdir(path.join(sheetDir, 'docs', 'folder.pdf'));
  execFileSync('mkfifo', [path.join(sheetDir, 'docs', 'pipe.pdf')]);
  // Sparse: 21 MB on paper, a few bytes on disk.
  const big = await open(path.join(sheetDir, 'docs', 'huge.pdf'), 'w');
  await big.write('%PDF-1.4', 0);
  await big.truncate(MAX_DOCUMENT_BYTES + 1024 * 1024);
  await big.close();
});

async function refusal(cell: string, documentsDir?: string): Promise<Extract<OpenedDocument, { ok: false }>> {
  const opened = await openDocument(cell, { sheetDir, documentsDir });
  if (opened.ok) {
    await opened.handle.close();
    throw new Error(`${cell} was accepted`);
  }
  return opened;
}

describe('documents stay inside the campaign', () => {
  it('an absolute path elsewhere (/etc/passwd) is outside the folder', async () => {
    const refused = await refusal('/etc/passwd');
    expect(refused.code).toBe('DOCUMENT_OUTSIDE_FOLDER');
    expect(refused.reason).toContain('outside the sheet\'s folder');
  });

  it('../outside/x.pdf climbs out of the folder', async () => {
    expect((await refusal('../outside/x.pdf')).code).toBe('DOCUMENT_OUTSIDE_FOLDER');
  });

  it('a symlink inside the folder that points out is judged by where it points', async () => {
    const refused = await refusal('docs/link.pdf');
    expect(refused.code).toBe('DOCUMENT_OUTSIDE_FOLDER');
    expect(refused.reason).toContain(path.join('outside', 'x.pdf'));
  });

  it('--documents-dir admits a second folder, and only that', async () => {
    const opened = await openDocument('../outside/x.pdf', { sheetDir, documentsDir: path.join(root, 'outside') });
    expect(opened.ok).toBe(true);
    if (opened.ok) await opened.handle.close();
    expect((await refusal('/etc/passwd', path.join(root, 'outside'))).code).toBe('DOCUMENT_OUTSIDE_FOLDER');
  });

  it('a directory is not a document', async () => {
    const refused = await refusal('docs/folder.pdf');
    expect(refused).toMatchObject({ code: 'DOCUMENT_UNUSABLE', reason: 'it is a directory' });
  });

  it('a FIFO is refused on the descriptor without blocking', async () => {
    const refused = await refusal('docs/pipe.pdf');
    expect(refused).toMatchObject({ code: 'DOCUMENT_UNUSABLE', reason: 'it is a named pipe (FIFO), not a regular file' });
  });

  it('a text file renamed .pdf is not a document', async () => {
    expect((await refusal('docs/notes.pdf')).code).toBe('DOCUMENT_NOT_A_DOCUMENT');
  });

  it('a sparse file over 20 MB is refused from the descriptor size, unread', async () => {
    const refused = await refusal('docs/huge.pdf');
    expect(refused.code).toBe('DOCUMENT_UNUSABLE');
    expect(refused.reason).toContain("over Telnyx's 20 MB document limit");
  });

  it('a missing file stays MISSING_DOCUMENT', async () => {
    expect((await refusal('docs/nowhere.pdf')).code).toBe('MISSING_DOCUMENT');
  });

  it('real documents pass: a PDF, a PNG, a link that stays inside', async () => {
    for (const cell of ['docs/loa.pdf', 'docs/scan.png', 'docs/inner-link.pdf']) {
      const opened = await openDocument(cell, { sheetDir });
      expect(opened.ok, cell).toBe(true);
      if (opened.ok) await opened.handle.close();
    }
  });
});

describe('plan reports refused documents as row issues, and submit uploads nothing', () => {
  let t: TestSimulator;
  beforeAll(async () => {
    t = await startTestSimulator();
  });
  afterAll(async () => {
    await t.sim.close();
  });

  it('/etc/passwd, ../outside and a renamed text file block their rows with their own codes', async () => {
    const campaign = await makeCampaignDir();
    await mkdir(path.join(campaign.dir, '..', 'outside'), { recursive: true }).catch(() => undefined);
    await writeFile(path.join(campaign.dir, 'docs', 'notes.pdf'), 'plain text\n');
    const numbers = findNumbers(t.sim, 3, (p) => p.portable && p.phoneNumberType === 'local');
    await writeSheet(campaign, [
      { ...ACME, phone_number: numbers[0], loa_file: '/etc/passwd', entity_name: 'A1', account_number: 'A-1' },
      { ...ACME, phone_number: numbers[1], invoice_file: '../../../../../../etc/hostname', entity_name: 'A2', account_number: 'A-2' },
      { ...ACME, phone_number: numbers[2], loa_file: 'docs/notes.pdf', entity_name: 'A3', account_number: 'A-3' },
    ]);
    const base = ['--campaign', 'adv', '--state-dir', campaign.stateDir];
    const plan = await runBulkport(['plan', campaign.sheet, ...base, '-o', path.join(campaign.dir, 'plan')], t.sim, campaign.dir);
    expect(plan.stderr).toBe('');
    const rows = await readResults(path.join(campaign.dir, 'plan'));
    expect(rows.map((row) => row.status)).toEqual(['blocked', 'blocked', 'blocked']);
    expect(rows.map((row) => row.issue_code)).toEqual(['DOCUMENT_OUTSIDE_FOLDER', 'DOCUMENT_OUTSIDE_FOLDER', 'DOCUMENT_NOT_A_DOCUMENT']);

    const submit = await runBulkport(['submit', campaign.sheet, ...base, '-o', path.join(campaign.dir, 'submit')], t.sim, campaign.dir);
    expect(submit.stderr).not.toMatch(/\n\s+at /);
    expect(t.sim.stats().calls['POST /documents'] ?? 0).toBe(0);
  });
});
