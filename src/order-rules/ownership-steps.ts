/**
 * AU ownership before submission (issue 15), by stage: a DRAFT may be created without it; CONFIRMING an
 * order whose `additional_steps` include `phone_number_verification_codes` needs every number verified
 * with the code its holder received (`bulkport verify send`, then `verify apply`). ID-verification action
 * requirements are initiated with the authorized person's first and last name. The one place `submit`,
 * `verify` and the results read these rules (pure).
 */

/** The additional step that asks for a verification code per number. */
const VERIFICATION_STEP = 'phone_number_verification_codes';

/** The action type Telnyx initiates with a first and last name. */
export const ID_VERIFICATION_ACTION = 'au_id_verification';

/** Most numbers in one send or verify call (the spec's maxItems). */
export const VERIFICATION_BATCH_SIZE = 100;

export function needsVerificationCodes(additionalSteps: readonly string[] | undefined): boolean {
  return additionalSteps?.includes(VERIFICATION_STEP) === true;
}

/** Why an order with the step may not be confirmed yet, or undefined when every number is verified. */
export interface OwnershipNotice {
  readonly code: 'VERIFICATION_NEEDED' | 'VERIFICATION_PENDING';
  readonly detail: string;
}

/**
 * For `submit` (a draft: a notice, the order is created as asked) and `submit --confirm` (the order stays a
 * draft with the reason while any of its `count` numbers lacks a verified code).
 */
export function ownershipToConfirm(
  input: { readonly isConfirming: false; readonly campaign: string } | { readonly isConfirming: true; readonly campaign: string; readonly count: number; readonly verifiedCount: number },
): OwnershipNotice | undefined {
  const how = `run \`bulkport verify send --campaign ${input.campaign}\`, then \`bulkport verify apply --campaign ${input.campaign} verification.xlsx\` with the codes the numbers' holders received`;
  if (!input.isConfirming) {
    return { code: 'VERIFICATION_NEEDED', detail: `the order needs an ownership verification code for each of its numbers before it can be confirmed: ${how}, then submit --confirm` };
  }
  const missing = Math.max(0, input.count - input.verifiedCount);
  if (missing === 0) return undefined;
  return { code: 'VERIFICATION_PENDING', detail: `not confirmed: ${missing} of ${input.count} number(s) not verified with their ownership codes yet; ${how}, then submit --confirm again` };
}

/** The names an ID verification is initiated with, and where they came from. */
export type PersonNames =
  | { readonly firstName: string; readonly lastName: string; readonly source: 'columns' | 'split'; readonly note: string }
  | { readonly problem: string };

/**
 * `auth_person_first_name`/`auth_person_last_name` when the sheet gave both; else `auth_person_name` split
 * at its first space (first word: first name; the rest: last name), which is reported, since "Mary Ann
 * Smith" or "van der Berg, Jan" may split wrong. A single word cannot be split: a problem.
 */
export function personNames(given: { readonly firstName?: string | undefined; readonly lastName?: string | undefined }, fullName: string): PersonNames {
  const first = given.firstName?.trim() ?? '';
  const last = given.lastName?.trim() ?? '';
  if (first !== '' && last !== '') return { firstName: first, lastName: last, source: 'columns', note: 'from auth_person_first_name and auth_person_last_name' };
  const words = fullName.trim().split(/\s+/).filter((w) => w !== '');
  if (first !== '' || last !== '') {
    return { problem: `expected both auth_person_first_name and auth_person_last_name, got only ${first !== '' ? 'the first' : 'the last'} name` };
  }
  if (words.length < 2) {
    return { problem: `auth_person_name "${fullName.trim()}" cannot be split into a first and a last name; fill auth_person_first_name and auth_person_last_name` };
  }
  const [firstWord, ...rest] = words as [string, ...string[]];
  const lastName = rest.join(' ');
  return { firstName: firstWord, lastName, source: 'split', note: `split from auth_person_name "${fullName.trim()}": first name "${firstWord}", last name "${lastName}" (fill auth_person_first_name and auth_person_last_name if this is wrong)` };
}
