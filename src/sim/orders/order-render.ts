import type { DocumentStore } from '../documents-store.js';
import type { PortingOrderJson, PortingOrderStatus, PortingPhoneNumberJson, RequirementJson } from './porting-order-json.js';
import { jobActivationStatus } from './activation-jobs.js';
import { REQUIREMENT_TYPES } from './requirements.js';
import type { SimOrder } from './sim-order.js';
import { additionalSteps } from './additional-steps.js';
import { portingPhoneNumberId } from './porting-number-id.js';

/** An order embeds at most this many numbers; `porting_phone_numbers_count` has the total. */
const EMBEDDED_NUMBERS_LIMIT = 50;
/** The single simulated account every key belongs to. */
export const SIM_USER_ID = '40d68ba2-0847-4df2-be9c-b0e0cb673e75';

const ACTIVATION_STATUS: Readonly<Record<PortingOrderStatus, string>> = {
  draft: 'New',
  'in-process': 'Pending',
  submitted: 'Pending',
  exception: 'Conflict',
  'foc-date-confirmed': 'Activate RDY',
  'cancel-pending': 'Cancel Pending',
  ported: 'Active',
  cancelled: 'Cancelled',
};

/** Whether each required document is attached (directly or as an additional document) and not denied. */
export function requirementsMet(order: SimOrder, documents: DocumentStore): boolean {
  return REQUIREMENT_TYPES.every((type) => satisfyingDocument(order, type.documentSlot, documents) !== undefined);
}

export function satisfyingDocument(order: SimOrder, slot: 'loa' | 'invoice', documents: DocumentStore): string | undefined {
  const candidates = [order.documents[slot], ...order.additionalDocuments.filter((d) => d.documentType === slot).map((d) => d.documentId)];
  return candidates.find((id): id is string => id !== null && documents.has(id) && !documents.isDenied(id));
}

export function renderOrder(order: SimOrder, documents: DocumentStore, options: { includeNumbers: boolean; allNumbers?: boolean }): PortingOrderJson {
  const isDraft = order.status === 'draft';
  const met = requirementsMet(order, documents);
  const requirements: RequirementJson[] = REQUIREMENT_TYPES.map((type) => {
    const value = satisfyingDocument(order, type.documentSlot, documents);
    const requirement: RequirementJson = { field_type: 'document', record_type: 'porting_requirement', requirement_type_id: type.id };
    if (value !== undefined) requirement.field_value = value;
    return requirement;
  });
  const json: PortingOrderJson = {
    id: order.id,
    record_type: 'porting_order',
    created_at: new Date(order.createdAtMs).toISOString(),
    updated_at: new Date(order.updatedAtMs).toISOString(),
    customer_reference: order.customerReference,
    customer_group_reference: order.customerGroupReference,
    description: `${order.fastPortEligible ? 'FP ' : ''}${order.carrierName} ${order.phoneNumberType} (${order.countryCode})`,
    status: { value: order.status, details: order.statusDetails.map((d) => ({ ...d })) },
    support_key: isDraft ? null : order.supportKey,
    parent_support_key: isDraft ? null : order.parentSupportKey,
    old_service_provider_ocn: order.carrierName,
    phone_number_type: order.phoneNumberType,
    porting_phone_numbers_count: order.phoneNumbers.length,
    activation_settings: {
      activation_status: isDraft ? null : (jobActivationStatus(order) ?? ACTIVATION_STATUS[order.status]),
      fast_port_eligible: order.fastPortEligible,
      foc_datetime_actual: order.focActual,
      foc_datetime_requested: order.focRequested,
    },
    documents: { ...order.documents },
    end_user: { admin: { ...order.admin }, location: { ...order.location } },
    misc: order.misc ? { ...order.misc } : null,
    messaging: renderMessaging(order),
    phone_number_configuration: { ...order.configuration, tags: [...order.configuration.tags] },
    requirements,
    requirements_met: met,
    additional_steps: additionalSteps(order),
    user_feedback: { ...order.userFeedback },
    user_id: SIM_USER_ID,
    webhook_url: order.webhookUrl,
  };
  if (options.includeNumbers) {
    const numbers = options.allNumbers ? order.phoneNumbers : order.phoneNumbers.slice(0, EMBEDDED_NUMBERS_LIMIT);
    json.phone_numbers = numbers.map((number) => renderPortingNumber(order, number, met));
  }
  return json;
}

export function renderPortingNumber(order: SimOrder, phoneNumber: string, isRequirementsMet: boolean): PortingPhoneNumberJson {
  return {
    id: portingPhoneNumberId(order, phoneNumber),
    activation_status: jobActivationStatus(order) ?? ACTIVATION_STATUS[order.status],
    phone_number: phoneNumber,
    phone_number_type: order.phoneNumberType,
    portability_status: order.countryCode === 'US' || order.countryCode === 'CA' ? 'confirmed' : 'provisional',
    porting_order_id: order.id,
    porting_order_status: order.status,
    record_type: 'porting_phone_number',
    requirements_status: order.status === 'draft' || !isRequirementsMet ? 'requirement-info-pending' : 'approved',
    support_key: order.supportKey,
  };
}

/** The order's `messaging` object (also the payload of `porting_order.messaging_changed`). */
export function renderMessaging(order: SimOrder): PortingOrderJson['messaging'] {
  return {
    enable_messaging: order.enableMessaging,
    messaging_capable: order.phoneNumberType !== 'toll_free',
    messaging_port_completed: order.enableMessaging && order.status === 'ported',
    messaging_port_status: messagingStatus(order),
  };
}

function messagingStatus(order: SimOrder): string {
  if (!order.enableMessaging) return 'not_applicable';
  if (order.status === 'ported') return 'ported';
  if (order.status === 'cancelled') return 'canceled';
  if (order.status === 'exception') return 'exception';
  return 'pending';
}
