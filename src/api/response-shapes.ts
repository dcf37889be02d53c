import type { ValidateFunction } from 'ajv';

/**
 * What an answer must look like before the tool acts on it (issue 13: "a 200 is not a fact until its
 * shape is right"). Telnyx's own response schemas require almost nothing, so `{}` would pass them;
 * these require every field the tool reads. Each object schema's `title` names the spec component it
 * narrows: the contract test checks every required field exists there with a compatible type.
 *
 * - `json`: the body is read whole (at most `maxBodyBytes`), must be JSON, and must match `schema`.
 * - `stream`: a download; the body is handed on unread and streamed by the caller (never buffered).
 */
export type ResponseShape =
  | { readonly kind: 'json'; readonly name: string; readonly schema: JsonSchema }
  | { readonly kind: 'stream'; readonly name: string };

export type JsonSchema = Readonly<Record<string, unknown>>;

const STRING = { type: 'string' } as const;
const TEXT = { type: ['string', 'null'] } as const;
const FLAG = { type: ['boolean', 'null'] } as const;
const COUNT = { type: ['integer', 'null'] } as const;
const OBJECT = { type: ['object', 'null'] } as const;
const LIST = { type: ['array', 'null'] } as const;

function record(title: string, required: Record<string, JsonSchema>): JsonSchema {
  return { title, type: 'object', required: Object.keys(required), properties: required };
}

function one(item: JsonSchema): JsonSchema {
  return { type: 'object', required: ['data'], properties: { data: item } };
}

function page(item: JsonSchema): JsonSchema {
  return {
    type: 'object',
    required: ['data'],
    properties: {
      data: { type: 'array', items: item },
      meta: { type: ['object', 'null'], properties: { total_pages: COUNT, page_number: COUNT } },
    },
  };
}

const PORTING_ORDER = record('PortingOrder', {
  id: STRING,
  status: record('PortingOrderStatus', { value: STRING, details: LIST }),
  customer_reference: TEXT,
  customer_group_reference: TEXT,
  support_key: TEXT,
  parent_support_key: TEXT,
  phone_number_type: TEXT,
  porting_phone_numbers_count: COUNT,
  activation_settings: OBJECT,
  requirements_met: FLAG,
  documents: OBJECT,
  end_user: OBJECT,
  misc: OBJECT,
  created_at: TEXT,
  updated_at: TEXT,
});

const PORTING_PHONE_NUMBER = record('PortingPhoneNumber', {
  phone_number: STRING,
  porting_order_id: STRING,
  porting_order_status: TEXT,
  support_key: TEXT,
});

const ACTIVATION_JOB = record('PortingOrdersActivationJob', {
  id: STRING,
  activation_type: STRING,
  status: STRING,
  activate_at: TEXT,
  activation_windows: LIST,
  created_at: TEXT,
});

const REPORT = (title: string): JsonSchema => record(title, { id: STRING, status: STRING, report_type: TEXT, created_at: TEXT });

const PORTOUT = record('PortoutDetails', {
  id: STRING,
  status: STRING,
  phone_numbers: LIST,
  support_key: TEXT,
  created_at: TEXT,
});

const ASSOCIATED_NUMBER = record('PortingAssociatedPhoneNumber', {
  id: STRING,
  action: STRING,
  phone_number_range: { type: 'object', required: ['start_at', 'end_at'], properties: { start_at: STRING, end_at: STRING } },
});

const NUMBER_CONFIGURATION = record('PortingPhoneNumberConfiguration', { id: STRING, porting_phone_number_id: STRING, user_bundle_id: STRING });
const LOA_CONFIGURATION = record('PortingLOAConfiguration', { id: STRING, name: TEXT, company_name: TEXT, address: OBJECT, contact: OBJECT, logo: OBJECT });

const EXTENSION = record('PortingPhoneNumberExtension', {
  id: STRING,
  porting_phone_number_id: STRING,
  extension_range: { type: 'object', required: ['start_at', 'end_at'], properties: { start_at: { type: 'integer' }, end_at: { type: 'integer' } } },
});

const VERIFICATION_CODE = record('PortingVerificationCode', { phone_number: STRING, verified: FLAG, updated_at: TEXT });

const ACTION_REQUIREMENT = record('PortingActionRequirement', { id: STRING, action_type: TEXT, status: TEXT, action_url: TEXT });

function json(name: string, schema: JsonSchema): ResponseShape {
  return { kind: 'json', name, schema };
}

/** One shape per call the tool acts on. */
export const SHAPES = {
  portabilityCheck: json('portability check', one({ type: 'array', items: record('PortabilityCheckDetails', { phone_number: STRING, portable: FLAG, fast_portable: FLAG, not_portable_reason: TEXT }) })),
  numberLookup: json('number lookup', one(record('NumberLookupRecord', { phone_number: STRING, carrier: OBJECT, portability: OBJECT }))),
  portingOrder: json('porting order', one(PORTING_ORDER)),
  portingOrders: json('porting orders', page(PORTING_ORDER)),
  /** POST /porting_orders answers the orders it created (one per number group): at least one. */
  createdOrders: json('created porting orders', one({ type: 'array', minItems: 1, items: PORTING_ORDER })),
  /** DELETE answers 204; anything else must at least be JSON (checked before the shape). */
  deleted: json('deleted porting order', {}),
  focWindows: json('allowed FOC windows', one({ type: 'array', items: record('PortingOrdersAllowedFocWindow', { started_at: STRING, ended_at: STRING }) })),
  requirements: json(
    'porting order requirements',
    page(record('PortingOrderRequirementDetail', { field_type: TEXT, requirement_status: TEXT, requirement_type: OBJECT })),
  ),
  portingPhoneNumbers: json('porting phone numbers', page(PORTING_PHONE_NUMBER)),
  activationJob: json('activation job', one(ACTIVATION_JOB)),
  activationJobs: json('activation jobs', page(ACTIVATION_JOB)),
  comment: json('comment', one(record('PortingOrdersComment', { id: STRING, body: TEXT, created_at: TEXT }))),
  comments: json('comments', page(record('PortingOrdersComment', { id: STRING, body: TEXT, created_at: TEXT, user_type: TEXT }))),
  document: json('document', one(record('DocServiceDocument', { id: STRING }))),
  portingReport: json('porting report', one(REPORT('PortingReport'))),
  portingReports: json('porting reports', page(REPORT('PortingReport'))),
  portoutReport: json('port-out report', one(REPORT('PortoutReport'))),
  portoutReports: json('port-out reports', page(REPORT('PortoutReport'))),
  download: { kind: 'stream', name: 'document download' },
  /** LOA templates and LOA configuration previews: a PDF, read capped and checked by `readPdfAnswer`. */
  pdf: { kind: 'stream', name: 'PDF' },
  loaConfiguration: json('LOA configuration', one(LOA_CONFIGURATION)),
  loaConfigurations: json('LOA configurations', page(LOA_CONFIGURATION)),
  sharingToken: json('sharing token', one(record('PortingOrderSharingToken', { id: STRING, token: STRING, porting_order_id: TEXT, expires_at: TEXT }))),
  portout: json('port-out', one(PORTOUT)),
  portouts: json('port-outs', page(PORTOUT)),
  /** SDK-only endpoints (absent from the trimmed spec): a list of objects is all the tool relies on. */
  portoutComments: json('port-out comments', one({ type: 'array', items: { type: 'object' } })),
  portoutDocuments: json('port-out supporting documents', one({ type: 'array', items: { type: 'object' } })),
  /** The event unions (oneOf by event_type): what every event has; the rest is read field by field. */
  portingEvents: json('porting events', page(record('PortingEvent', { id: STRING, event_type: STRING, porting_order_id: STRING, payload: OBJECT }))),
  portoutEvents: json('port-out events', page(record('PortoutEvent', { id: STRING, event_type: STRING, portout_id: STRING, payload: OBJECT }))),
  /** AU ownership (issue 15): what `verify` and `submit --confirm` read of codes and action requirements. */
  verificationCodes: json('verification codes', page(VERIFICATION_CODE)),
  verifiedCodes: json('verified codes', one({ type: 'array', items: VERIFICATION_CODE })),
  /** `verification_codes/send` answers 204; anything else must at least be JSON. */
  codesSent: json('verification codes sent', {}),
  actionRequirements: json('action requirements', page(ACTION_REQUIREMENT)),
  actionRequirement: json('action requirement', one(ACTION_REQUIREMENT)),
  rejectionCodes: json('port-out rejection codes', one({ type: 'array', items: record('PortoutRejection', { code: { type: ['integer', 'string'] }, description: TEXT }) })),
  associatedNumber: json('associated phone number', one(ASSOCIATED_NUMBER)),
  associatedNumbers: json('associated phone numbers', page(ASSOCIATED_NUMBER)),
  /** POST answers the configurations it created, GET a page of them. */
  numberConfigurationsCreated: json('phone number configurations', one({ type: 'array', items: NUMBER_CONFIGURATION })),
  numberConfigurations: json('phone number configurations', page(NUMBER_CONFIGURATION)),
  extension: json('phone number extension', one(EXTENSION)),
  extensions: json('phone number extensions', page(EXTENSION)),
  ukCarriers: json('UK carriers', one({ type: 'array', items: record('PortingUKCarrier', { name: STRING, cupid: TEXT, alternative_cupids: LIST }) })),
} as const satisfies Record<string, ResponseShape>;

/** Largest JSON answer read (8 MiB): a page of 250 porting orders is about 1.5 MB. */
export const MAX_JSON_BODY_BYTES = 8 * 1024 * 1024;

const validators = new Map<JsonSchema, ValidateFunction>();
let compiler: ((schema: JsonSchema) => ValidateFunction) | undefined;

/**
 * Undefined when `value` has the shape, else a short, safe description of the first mismatch (a
 * JSON pointer and what was expected, never the value). Schemas compile once, on first use, so a
 * command that never calls the API never loads the validator.
 */
export async function findShapeMismatch(shape: ResponseShape & { kind: 'json' }, value: unknown): Promise<string | undefined> {
  compiler ??= await loadCompiler();
  let validate = validators.get(shape.schema);
  if (validate === undefined) {
    validate = compiler(shape.schema);
    validators.set(shape.schema, validate);
  }
  if (validate(value)) return undefined;
  if (value === null || typeof value !== 'object') return `expected a JSON object, got ${value === null ? 'null' : typeof value}`;
  const first = validate.errors?.[0];
  return first === undefined ? 'unexpected shape' : `${first.instancePath === '' ? 'answer' : first.instancePath} ${first.message ?? 'is wrong'}`;
}

/**
 * ajv (JSON Schema 2020-12): already the contract test's validator, so the shapes are plain JSON Schema the
 * contract test can read and compare with the spec; compiled once per shape, loaded on the first API answer.
 */
async function loadCompiler(): Promise<(schema: JsonSchema) => ValidateFunction> {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true });
  return (schema) => ajv.compile(schema);
}
