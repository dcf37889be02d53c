/** The parts of a number lookup (`GET /number_lookup/{n}?type=carrier`) the carrier comes from. */
export interface RawNumberLookup {
  readonly carrier?: { readonly name?: string | null | undefined } | null | undefined;
  readonly portability?: { readonly spid_carrier_name?: string | null | undefined } | null | undefined;
}

/**
 * The losing carrier is whoever holds the number now: the SPID holder of `portability` (which
 * follows earlier ports), else the lookup's carrier name. '' when the lookup names neither.
 */
export function carrierFromLookup(data: RawNumberLookup | undefined): string {
  const spidHolder = data?.portability?.spid_carrier_name?.trim() ?? '';
  if (spidHolder !== '') return spidHolder;
  return data?.carrier?.name?.trim() ?? '';
}
