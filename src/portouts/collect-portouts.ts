import type { PortoutDetails } from 'telnyx/resources/portouts/portouts';
import { LIST_PAGE_SIZE, type ApiSession } from '../api/api-session.js';
import { NO_PROGRESS, type Progress } from '../progress/progress.js';
import { fetchPortoutExtras, fetchPortouts } from './fetch-portouts.js';
import { isInFocRange, type PortoutListFilters } from './portout-filters.js';
import type { PortoutExtras } from './portout-list-row.js';

export interface CollectedPortouts {
  /** In Telnyx's order (newest first). */
  readonly portouts: readonly PortoutDetails[];
  readonly extras: ReadonlyMap<string, PortoutExtras>;
}

export interface CollectOptions {
  /** `page[size]` of the list calls (tests page through small sets with a small size). */
  readonly pageSize?: number;
  /** Ticks once per port-out whose comments and documents are in. */
  readonly progress?: Progress;
}

/** Lists port-outs with the API filters, keeps those in the FOC range, then reads their comments and documents. */
export async function collectPortouts(session: ApiSession, filters: PortoutListFilters, options: CollectOptions = {}): Promise<CollectedPortouts> {
  const progress = options.progress ?? NO_PROGRESS;
  const listed = await fetchPortouts(session, filters.api, options.pageSize ?? LIST_PAGE_SIZE);
  const portouts = listed.filter((p) => isInFocRange(p, filters.focRange));
  progress.setTotal(portouts.length);
  const ids = portouts.flatMap((p) => (p.id === undefined ? [] : [p.id]));
  const extras = await fetchPortoutExtras(session, ids, () => progress.tick());
  return { portouts, extras };
}

export const NO_EXTRAS: PortoutExtras = { comments: [], documents: [] };
