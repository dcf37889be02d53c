import { readdir, stat } from 'node:fs/promises';
import { readCampaign } from '../campaign/campaign-journal.js';
import { campaignPaths, checkCampaignName } from '../campaign/campaign-paths.js';

/** Why `listen --campaign` keeps or drops a porting event. */
export type CampaignMatch = 'named' | 'unknown' | 'other-campaign';

interface JournalStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * Which campaign of the state directory each porting order belongs to, read from the campaign
 * journals (`created` and `adopted` orders) without their locks. A journal is read again only when
 * its size or mtime changed, and only when an event names an order not seen yet (a new order, a split).
 */
export class CampaignOrderIndex {
  readonly #stateDir: string;
  readonly #named: ReadonlySet<string>;
  readonly #campaignOf = new Map<string, string>();
  readonly #stamps = new Map<string, JournalStamp>();

  constructor(stateDir: string, campaigns: readonly string[]) {
    this.#stateDir = stateDir;
    this.#named = new Set(campaigns);
  }

  /**
   * `named` when an order belongs to a named campaign, `unknown` when no journal of the state
   * directory has it yet (kept: it may be a campaign's new or split order, which `status` sorts out),
   * `other-campaign` only when every order the event names belongs to another campaign.
   */
  async match(orderIds: readonly string[]): Promise<CampaignMatch> {
    if (orderIds.length === 0) return 'unknown';
    if (orderIds.some((id) => !this.#campaignOf.has(id))) await this.#refresh();
    const campaigns = orderIds.map((id) => this.#campaignOf.get(id));
    if (campaigns.some((campaign) => campaign !== undefined && this.#named.has(campaign))) return 'named';
    return campaigns.some((campaign) => campaign === undefined) ? 'unknown' : 'other-campaign';
  }

  async #refresh(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(this.#stateDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      if (!isCampaignName(name)) continue;
      const journal = campaignPaths(this.#stateDir, name).journal;
      const found = await stat(journal).catch(() => undefined);
      if (found === undefined) continue;
      const before = this.#stamps.get(name);
      if (before !== undefined && before.size === found.size && before.mtimeMs === found.mtimeMs) continue;
      const state = await readCampaign(this.#stateDir, name).catch(() => undefined);
      this.#stamps.set(name, { size: found.size, mtimeMs: found.mtimeMs });
      for (const orderId of state?.orders.keys() ?? []) this.#campaignOf.set(orderId, name);
    }
  }
}

function isCampaignName(name: string): boolean {
  try {
    checkCampaignName(name);
    return true;
  } catch {
    return false;
  }
}
