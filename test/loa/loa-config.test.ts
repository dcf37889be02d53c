import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process.js';
import { startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { draftCampaign, pdfPageCount, CAMPAIGN, type DraftCampaign } from './loa-fixture.js';

let t: TestSimulator | undefined;
let setup: DraftCampaign | undefined;
afterEach(async () => {
  await t?.sim.close();
  await setup?.t.sim.close();
  t = undefined;
  setup = undefined;
});

/** The smallest file that starts like a PNG (the simulator checks the signature). */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('logo bytes')]);
const LETTERHEAD = {
  name: 'Acme letterhead',
  company_name: 'Acme Migration Partners',
  address: { street_address: '600 Congress Avenue', city: 'Austin', state: 'TX', zip_code: '78701', country_code: 'US' },
  contact: { email: 'porting@acme.example', phone_number: '+12003270001' },
};

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bulkport-loa-config-'));
  await writeFile(path.join(dir, 'letterhead.json'), JSON.stringify(LETTERHEAD));
  await writeFile(path.join(dir, 'logo.png'), PNG);
  await writeFile(path.join(dir, 'logo.pdf'), '%PDF-1.4 not a png');
  return dir;
}

describe('loa config', () => {
  it('refuses a configuration with problems: every one listed (the JSON and the logo), exit 2, nothing sent', async () => {
    t = await startTestSimulator();
    const dir = await folder();
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify({ ...LETTERHEAD, address: { ...LETTERHEAD.address, state: 'Texas' }, contact: { email: 'x', phone_number: '+1 200 327 0001' } }));
    const result = await runInProcess(['loa', 'config', 'create', '--from', 'bad.json', '--logo', 'logo.pdf'], t.sim, { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--logo logo.pdf: expected a PNG image (the LOA logo must be image/png), got a PDF file; nothing was sent');
    expect(result.stderr).toContain('--from bad.json: 3 problems in the LOA configuration; nothing was sent');
    expect(result.stderr).toContain('bad.json /address/state: expected a two-letter state or province code such as TX, got "Texas"');
    expect(result.stderr).toContain('bad.json /contact/email: expected an email address');
    expect(result.stderr).toContain('bad.json /contact/phone_number: expected a phone number in +E.164');
    expect(t.sim.stats().calls).toEqual({});
  });

  it('create, list, preview (without creating), update keeping the logo; loa download fills LOAs with the configuration', async () => {
    setup = await draftCampaign();
    const { t: sim, campaign, run } = setup;
    const dir = campaign.dir;
    await writeFile(path.join(dir, 'letterhead.json'), JSON.stringify(LETTERHEAD));
    await writeFile(path.join(dir, 'logo.png'), PNG);

    sim.sim.resetStats();
    const preview = await run('loa', 'config', 'preview', '--from', 'letterhead.json', '--logo', 'logo.png', '-o', 'preview.pdf');
    expect(preview.stderr).toBe('');
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('no configuration was created');
    const previewPdf = await readFile(path.join(dir, 'preview.pdf'));
    expect(await pdfPageCount(previewPdf)).toBe(1);
    expect(previewPdf.toString('latin1')).toContain('Company name: Acme Migration Partners');
    expect(sim.sim.stats().calls['POST /porting/loa_configurations'] ?? 0).toBe(0);

    const created = await run('loa', 'config', 'create', '--from', 'letterhead.json', '--logo', 'logo.png', '--json');
    expect(created.code).toBe(0);
    const configuration = (JSON.parse(created.stdout) as { configuration: { id: string; logo_document_id: string; name: string } }).configuration;
    expect(configuration.name).toBe('Acme letterhead');
    expect(configuration.logo_document_id).toMatch(/^[0-9a-f-]{36}$/);

    const list = await run('loa', 'config', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${configuration.id}  "Acme letterhead"  Acme Migration Partners (Austin, TX)  porting@acme.example`);

    const stored = await run('loa', 'config', 'preview', configuration.id, '-o', 'stored.pdf');
    expect(stored.code).toBe(0);
    expect(await pdfPageCount(await readFile(path.join(dir, 'stored.pdf')))).toBe(1);

    await writeFile(path.join(dir, 'renamed.json'), JSON.stringify({ ...LETTERHEAD, name: 'Acme 2027' }));
    const updated = await run('loa', 'config', 'update', configuration.id, '--from', 'renamed.json', '--json');
    expect(updated.code).toBe(0);
    const after = (JSON.parse(updated.stdout) as { configuration: { name: string; logo_document_id: string } }).configuration;
    expect(after).toMatchObject({ name: 'Acme 2027', logo_document_id: configuration.logo_document_id });

    const download = await run('loa', 'download', '--campaign', CAMPAIGN, '--loa-configuration', configuration.id, '-o', 'loas');
    expect(download.code).toBe(0);
    const pdfs = (await readdir(path.join(dir, 'loas'))).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(3);
    for (const name of pdfs) expect((await readFile(path.join(dir, 'loas', name))).toString('latin1')).toContain('Configuration: Acme 2027');

    const unknown = await run('loa', 'download', '--campaign', CAMPAIGN, '--loa-configuration', '0a4b78a0-d416-4761-94f7-46c72ec56547', '-o', 'none');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('NO LOA written: LOA template of porting order');
  });
});
