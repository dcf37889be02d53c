import type { PortingNumberType } from '../number-profile.js';

/** Porting order statuses (`status.value`, `porting_order_status`). */
export const PORTING_ORDER_STATUSES = [
  'draft',
  'in-process',
  'submitted',
  'exception',
  'foc-date-confirmed',
  'cancel-pending',
  'ported',
  'cancelled',
] as const;
export type PortingOrderStatus = (typeof PORTING_ORDER_STATUSES)[number];

export interface StatusDetail {
  code: string;
  description: string;
}

/** `PortingPhoneNumber` as the API answers it. */
export interface PortingPhoneNumberJson {
  /** Not in the spec (DIFFERENCES.md): what `porting_phone_number_id` refers to. */
  id: string;
  activation_status: string;
  phone_number: string;
  phone_number_type: PortingNumberType;
  portability_status: 'pending' | 'confirmed' | 'provisional';
  porting_order_id: string;
  porting_order_status: PortingOrderStatus;
  record_type: 'porting_phone_number';
  requirements_status: 'requirement-info-pending' | 'requirement-info-under-review' | 'requirement-info-exception' | 'approved';
  support_key: string;
}

export interface EndUserAdmin {
  account_number: string | null;
  auth_person_name: string | null;
  billing_phone_number: string | null;
  business_identifier: string | null;
  entity_name: string | null;
  pin_passcode: string | null;
  tax_identifier: string | null;
}

export interface EndUserLocation {
  administrative_area: string | null;
  country_code: string | null;
  extended_address: string | null;
  locality: string | null;
  postal_code: string | null;
  street_address: string | null;
}

export interface PortingOrderMisc {
  type: 'full' | 'partial';
  remaining_numbers_action: 'keep' | 'disconnect' | null;
  new_billing_phone_number: string | null;
}

export interface PhoneNumberConfiguration {
  billing_group_id: string | null;
  connection_id: string | null;
  emergency_address_id: string | null;
  messaging_profile_id: string | null;
  tags: string[];
}

export interface RequirementJson {
  field_type: 'document';
  field_value?: string;
  record_type: 'porting_requirement';
  requirement_type_id: string;
}

/** `PortingOrder` as the API answers it (field names are the wire's). */
export interface PortingOrderJson {
  id: string;
  record_type: 'porting_order';
  created_at: string;
  updated_at: string;
  customer_reference: string | null;
  customer_group_reference: string | null;
  description: string;
  status: { value: PortingOrderStatus; details: StatusDetail[] };
  support_key: string | null;
  parent_support_key: string | null;
  old_service_provider_ocn: string;
  phone_number_type: PortingNumberType;
  porting_phone_numbers_count: number;
  phone_numbers?: PortingPhoneNumberJson[];
  activation_settings: {
    activation_status: string | null;
    fast_port_eligible: boolean;
    foc_datetime_actual: string | null;
    foc_datetime_requested: string | null;
  };
  documents: { loa: string | null; invoice: string | null };
  end_user: { admin: EndUserAdmin; location: EndUserLocation };
  misc: PortingOrderMisc | null;
  messaging: { enable_messaging: boolean; messaging_capable: boolean; messaging_port_completed: boolean; messaging_port_status: string };
  phone_number_configuration: PhoneNumberConfiguration;
  requirements: RequirementJson[];
  requirements_met: boolean;
  additional_steps: string[];
  user_feedback: { user_comment: string | null; user_rating: number | null };
  user_id: string;
  webhook_url: string | null;
}
