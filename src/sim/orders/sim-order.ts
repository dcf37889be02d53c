import type { PortingNumberType } from '../number-profile.js';
import type { ActivationJobRecord } from './activation-jobs.js';
import { blockNumbers, type SimBlock, type SimExtension } from './number-blocks.js';
import type { ActionRequirementRecord, VerificationCodeRecord } from './ownership.js';
import type {
  EndUserAdmin,
  EndUserLocation,
  PhoneNumberConfiguration,
  PortingOrderMisc,
  PortingOrderStatus,
  StatusDetail,
} from './porting-order-json.js';

export interface CommentRecord {
  id: string;
  body: string;
  userType: 'admin' | 'user' | 'system';
  createdAtMs: number;
}

export interface AdditionalDocumentRecord {
  id: string;
  documentId: string;
  documentType: 'loa' | 'invoice' | 'csr' | 'other';
  createdAtMs: number;
}

/** What happens to a confirmed order, fixed (deterministically) when it is confirmed. */
export type OrderFate = 'normal' | 'exception' | 'split';

/** An exception the simulated losing carrier raised: cleared when `pointer`'s value changes from `valueOnFile`. */
export interface OpenException {
  code: string;
  pointer: string;
  valueOnFile: string | null;
}

/** One porting order as the simulator stores it (JSON-serializable for the state file). */
export interface SimOrder {
  id: string;
  /** Creation sequence: breaks ties between orders created in the same millisecond. */
  seq: number;
  createdAtMs: number;
  updatedAtMs: number;
  customerReference: string | null;
  customerGroupReference: string | null;
  countryCode: string;
  phoneNumberType: PortingNumberType;
  carrierName: string;
  spid: string;
  fastPortEligible: boolean;
  phoneNumbers: string[];
  /** Shown on orders once they leave draft, and on their numbers from the start. */
  supportKey: string;
  /** Orders created by one request (or split from one order) share it; shown once confirmed. */
  parentSupportKey: string;
  status: PortingOrderStatus;
  statusDetails: StatusDetail[];
  /** When the current status began (lifecycle timers count from here). */
  stageEnteredAtMs: number;
  confirmedAtMs: number | null;
  fate: OrderFate;
  /** The exception the carrier raises if the fate is `exception`. */
  plannedExceptionCode: string | null;
  hasRaisedException: boolean;
  hasSplit: boolean;
  openException: OpenException | null;
  admin: EndUserAdmin;
  location: EndUserLocation;
  documents: { loa: string | null; invoice: string | null };
  focRequested: string | null;
  focActual: string | null;
  misc: PortingOrderMisc | null;
  configuration: PhoneNumberConfiguration;
  enableMessaging: boolean;
  webhookUrl: string | null;
  userFeedback: { user_comment: string | null; user_rating: number | null };
  comments: CommentRecord[];
  additionalDocuments: AdditionalDocumentRecord[];
  /** US FastPort orders' activation jobs, oldest first (absent in state files written before them). */
  activationJobs?: ActivationJobRecord[];
  /** German DID blocks (absent on orders saved before blocks existed). */
  phoneNumberBlocks?: SimBlock[];
  /** Extension ranges behind numbers of the order. */
  phoneNumberExtensions?: SimExtension[];
  /** AU ownership (orders/ownership.ts); absent in state files written before it existed. */
  verificationCodes?: VerificationCodeRecord[];
  actionRequirements?: ActionRequirementRecord[];
}

export function emptyAdmin(): EndUserAdmin {
  return {
    account_number: null,
    auth_person_name: null,
    billing_phone_number: null,
    business_identifier: null,
    entity_name: null,
    pin_passcode: null,
    tax_identifier: null,
  };
}

function emptyLocation(): EndUserLocation {
  return {
    administrative_area: null,
    country_code: null,
    extended_address: null,
    locality: null,
    postal_code: null,
    street_address: null,
  };
}

function emptyConfiguration(): PhoneNumberConfiguration {
  return { billing_group_id: null, connection_id: null, emergency_address_id: null, messaging_profile_id: null, tags: [] };
}

/** The state every order starts in: a draft with nothing filled in yet. */
export function draftOrderState(nowMs: number): Pick<
  SimOrder,
  | 'status' | 'statusDetails' | 'stageEnteredAtMs' | 'confirmedAtMs' | 'fate' | 'plannedExceptionCode' | 'hasRaisedException'
  | 'hasSplit' | 'openException' | 'admin' | 'location' | 'documents' | 'focRequested' | 'focActual' | 'misc'
  | 'configuration' | 'enableMessaging' | 'webhookUrl' | 'userFeedback' | 'comments' | 'additionalDocuments'
> {
  return {
    status: 'draft',
    statusDetails: [],
    stageEnteredAtMs: nowMs,
    confirmedAtMs: null,
    fate: 'normal',
    plannedExceptionCode: null,
    hasRaisedException: false,
    hasSplit: false,
    openException: null,
    admin: emptyAdmin(),
    location: emptyLocation(),
    documents: { loa: null, invoice: null },
    focRequested: null,
    focActual: null,
    misc: null,
    configuration: emptyConfiguration(),
    enableMessaging: false,
    webhookUrl: null,
    userFeedback: { user_comment: null, user_rating: null },
    comments: [],
    additionalDocuments: [],
  };
}

/** The numbers of the order's blocks, in order. */
export function blockNumbersOf(order: SimOrder): string[] {
  return (order.phoneNumberBlocks ?? []).flatMap((block) => blockNumbers(block.range));
}

/** Whether the order still holds its numbers (a number can be in one live order at a time). */
export function holdsNumbers(order: SimOrder): boolean {
  return order.status !== 'cancelled';
}
