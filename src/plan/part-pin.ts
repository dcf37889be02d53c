import { maskPin } from '../core/mask-pin.js';
import type { PlannedPart } from './plan-types.js';

/**
 * The part as the journal and plan.json keep it: the PIN masked (docs/design.md §9). Only `submit` holds the
 * real PIN, read from its own input sheet (`withPin`).
 */
export function withMaskedPin(part: PlannedPart): PlannedPart {
  const pin = part.endUser.admin.pin_passcode;
  if (pin === undefined) return part;
  return { ...part, endUser: { ...part.endUser, admin: { ...part.endUser.admin, pin_passcode: maskPin(pin) } } };
}

/**
 * The part with the PIN the input sheet gives for its numbers now (a part read back from the journal
 * holds only the masked PIN). Without a PIN in the sheet the part has none: a masked value is never sent.
 */
export function withPin(part: PlannedPart, pin: string | undefined): PlannedPart {
  const { pin_passcode: _masked, ...admin } = part.endUser.admin;
  return { ...part, endUser: { ...part.endUser, admin: pin === undefined || pin === '' ? admin : { ...admin, pin_passcode: pin } } };
}
