import { ok } from '../http.js';
import type { Router } from '../router.js';
import type { SimContext } from '../state.js';
import { seededUuid } from '../seeded-hash.js';

/**
 * The seeded list `GET /porting/uk_carriers` answers: names the simulator's own GB carriers use (so a
 * number lookup's carrier is on the list), a few more, a three-digit CUPID each and alternative CUPIDs
 * for some. The CUPIDs are made up (DIFFERENCES.md): only their shape is Telnyx's.
 */
const UK_CARRIERS: ReadonlyArray<{ name: string; cupid: string; alternative_cupids: string[] }> = [
  { name: 'BT', cupid: '001', alternative_cupids: ['002', '005'] },
  { name: 'Virgin Media', cupid: '017', alternative_cupids: ['061'] },
  { name: 'Vodafone UK', cupid: '018', alternative_cupids: ['088'] },
  { name: 'EE', cupid: '028', alternative_cupids: ['129', '130'] },
  { name: 'Colt Technology Services', cupid: '030', alternative_cupids: [] },
  { name: 'TalkTalk Communications', cupid: '043', alternative_cupids: ['203'] },
  { name: 'Gamma Telecom', cupid: '105', alternative_cupids: ['175', '209'] },
  { name: 'Three UK', cupid: '118', alternative_cupids: [] },
  { name: 'Sky UK', cupid: '149', alternative_cupids: [] },
  { name: 'Daisy Communications', cupid: '218', alternative_cupids: ['219'] },
  { name: 'Telefonica UK (O2)', cupid: '004', alternative_cupids: ['091'] },
  { name: 'Telnyx UK Limited', cupid: '895', alternative_cupids: [] },
];

/** `GET /porting/uk_carriers`: the whole list, not paginated (the spec declares no page parameters). */
export function registerUkCarrierRoutes(router: Router, ctx: SimContext): void {
  const listedAt = new Date(Date.UTC(2024, 0, 15, 9, 0, 0)).toISOString();
  router.add('GET', '/porting/uk_carriers', () =>
    ok({
      data: UK_CARRIERS.map((carrier) => ({
        id: seededUuid(ctx.seed, 'uk-carrier', carrier.cupid),
        name: carrier.name,
        cupid: carrier.cupid,
        alternative_cupids: carrier.alternative_cupids,
        record_type: 'porting_uk_carrier',
        created_at: listedAt,
        updated_at: listedAt,
      })),
    }),
  );
}
