import type { ApiSession } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';
import type { UkCarrier } from '../order-rules/uk-carriers.js';

/** Telnyx's UK carriers: one `GET /porting/uk_carriers` (not paginated); the caller keeps it for the run. */
export async function listUkCarriers(session: ApiSession): Promise<UkCarrier[]> {
  const answer = await session.scheduler.call('read', 'UK carriers', () => session.client.porting.listUkCarriers(), SHAPES.ukCarriers);
  return (answer.data ?? []).flatMap((c) =>
    c.name === undefined || c.name.trim() === '' ? [] : [{ name: c.name.trim(), cupid: c.cupid?.trim() ?? '', alternativeCupids: (c.alternative_cupids ?? []).filter((alt) => typeof alt === 'string') }],
  );
}
