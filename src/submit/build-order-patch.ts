import { createHash } from 'node:crypto';
import { withMaskedPin } from '../plan/part-pin.js';
import type { PlannedPart } from '../plan/plan-types.js';

/** Document ids to attach, by slot; a slot whose document Telnyx refused is left out. */
export interface AttachedDocuments {
  readonly loa?: string;
  readonly invoice?: string;
}

/** The body of `PATCH /porting_orders/{id}` (UpdatePortingOrder), as plain JSON. */
export interface OrderPatchBody {
  readonly end_user: {
    readonly admin: Readonly<Record<string, string>>;
    readonly location: Readonly<Record<string, string>>;
  };
  readonly documents?: { readonly loa?: string; readonly invoice?: string };
  readonly misc?: { readonly type: 'full' | 'partial'; readonly remaining_numbers_action?: 'keep' | 'disconnect'; readonly new_billing_phone_number?: string };
  readonly phone_number_configuration?: { readonly connection_id?: string; readonly messaging_profile_id?: string };
  readonly activation_settings?: { readonly foc_datetime_requested: string };
  readonly webhook_url?: string;
}

/**
 * Everything the order needs after creation, in ONE PATCH: end user, location, documents, misc
 * (port type; for partial ports what happens to the remaining numbers and the new BTN), routing of
 * the ported numbers, the FOC (already fitted into an allowed window) and `--webhook-url`. Fields the
 * sheet left blank are omitted, which Telnyx reads as "unchanged".
 */
export function buildOrderPatch(part: PlannedPart, documents: AttachedDocuments, focDatetimeRequested: string | undefined, webhookUrl?: string): OrderPatchBody {
  const settings = part.settings;
  const misc =
    settings.portType === undefined
      ? undefined
      : {
          type: settings.portType,
          ...(settings.remainingNumbersAction === undefined ? {} : { remaining_numbers_action: settings.remainingNumbersAction }),
          ...(settings.newBillingPhoneNumber === undefined ? {} : { new_billing_phone_number: settings.newBillingPhoneNumber }),
        };
  const routing = {
    ...(settings.connectionId === undefined ? {} : { connection_id: settings.connectionId }),
    ...(settings.messagingProfileId === undefined ? {} : { messaging_profile_id: settings.messagingProfileId }),
  };
  return {
    end_user: { admin: { ...part.endUser.admin }, location: { ...part.endUser.location } },
    ...(documents.loa === undefined && documents.invoice === undefined ? {} : { documents: { ...documents } }),
    ...(misc === undefined ? {} : { misc }),
    ...(Object.keys(routing).length === 0 ? {} : { phone_number_configuration: routing }),
    ...(focDatetimeRequested === undefined ? {} : { activation_settings: { foc_datetime_requested: focDatetimeRequested } }),
    ...(webhookUrl === undefined ? {} : { webhook_url: webhookUrl }),
  };
}

/**
 * What the journal remembers of a PATCH: a hash of the body WITHOUT document ids and FOC, which
 * change between runs (a re-upload, a window that moved on) without the sheet changing, and with the
 * PIN masked (the journal must not hold what a 4-digit PIN can be guessed back from). A re-run
 * whose hash matches a journaled PATCH skips it; a new `--webhook-url` changes the hash, so drafts get
 * it (without one, the hash is what it was before webhook URLs existed).
 */
export function patchContentHash(part: PlannedPart, webhookUrl?: string): string {
  const content = [withMaskedPin(part).endUser, part.settings, part.numbers, ...(webhookUrl === undefined ? [] : [webhookUrl])];
  return createHash('sha256')
    .update(JSON.stringify(content))
    .digest('hex')
    .slice(0, 16);
}
