import type { DemoStep } from './demo-cutover.js';

/**
 * The paperwork before submission in the demo (README "LOAs in bulk"): `submit` without `--confirm`
 * creates the draft orders, then `loa download` writes one pre-filled LOA per draft order and the
 * loa-index.xlsx a person notes the signed files in. The sample's drafts already carry the LOAs its
 * sheet names, so the demo asks for them anyway (`--force`); the `submit --confirm` step after it
 * then submits the same drafts.
 */
export function loaSteps(sampleSheet: string, campaign: string): DemoStep[] {
  return [
    { name: 'drafts', argv: ['submit', sampleSheet, '--campaign', campaign] },
    {
      name: 'loa-download',
      argv: ['loa', 'download', '--campaign', campaign, '--force'],
      before: () => 'one pre-filled LOA per draft order, to be signed (the sample\'s drafts already have theirs, hence --force)',
    },
  ];
}
