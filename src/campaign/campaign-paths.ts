import path from 'node:path';
import { UsageError } from '../core/errors.js';

/**
 * A campaign name is a folder name under --state-dir and the `customer_group_reference` of every
 * order, so it is kept to characters safe in both.
 */
const CAMPAIGN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkCampaignName(name: string): string {
  if (!CAMPAIGN_NAME.test(name)) {
    throw new UsageError(
      `--campaign: expected 1 to 64 letters, digits, ".", "_" or "-" (starting with a letter or digit), got "${name}"`,
      'The name is a folder name and goes on every order as customer_group_reference.',
    );
  }
  return name;
}

export interface CampaignPaths {
  readonly dir: string;
  readonly journal: string;
  readonly lock: string;
}

export function campaignPaths(stateDir: string, campaign: string): CampaignPaths {
  const dir = path.join(stateDir, checkCampaignName(campaign));
  return { dir, journal: path.join(dir, 'journal.jsonl'), lock: path.join(dir, 'lock') };
}
