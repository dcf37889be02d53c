import { randomUUID } from 'node:crypto';
import { noContent, ok, paginate, SimApiError, type SimRequest, type TelnyxErrorObject } from '../http.js';
import { textPdf } from '../pdf.js';
import type { Router } from '../router.js';
import type { SimContext } from '../state.js';

/** One LOA configuration as the simulator keeps it (JSON-serializable: saved in the state file). */
export interface StoredLoaConfiguration {
  readonly id: string;
  name: string;
  company_name: string;
  address: { street_address: string; extended_address?: string; city: string; state: string; zip_code: string; country_code: string };
  contact: { email: string; phone_number: string };
  logo: { document_id: string; content_type: 'image/png' };
  readonly createdAtMs: number;
  updatedAtMs: number;
}

interface LoaConfigurationState {
  /** Configurations per account (the API key that created them), oldest first. */
  byAccount: Record<string, StoredLoaConfiguration[]>;
}

const MODULE = 'loa-configurations';
/** The simulator's one organization: configurations name it as their owner. */
const SIM_ORGANIZATION_ID = 'f1486bae-f067-460c-ad43-73a92848f902';

const STATE_PATTERN = /^[A-Z]{2}$/;
const ZIP_PATTERN = /^[0-9]{5}(?:-[0-9]{4})?$/;
const PHONE_PATTERN = /^\+\d{11,15}$/;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The spec gives no rule for the email; the simulator asks for something@domain.tld (DIFFERENCES.md). */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The account's configurations (the oldest is its default). */
export function loaConfigurationsOf(ctx: SimContext, apiKey: string): StoredLoaConfiguration[] {
  const state = ctx.moduleState<LoaConfigurationState>(MODULE, () => ({ byAccount: {} }));
  state.byAccount[apiKey] ??= [];
  return state.byAccount[apiKey];
}

/** The letterhead lines a configuration puts on an LOA (and its preview): every field by name. */
export function loaConfigurationLines(configuration: StoredLoaConfiguration): string[] {
  const a = configuration.address;
  return [
    `Configuration: ${configuration.name}`,
    `Company name: ${configuration.company_name}`,
    `Address: ${[a.street_address, a.extended_address, a.city, a.state, a.zip_code, a.country_code].filter((p) => p !== undefined && p !== '').join(', ')}`,
    `Contact email: ${configuration.contact.email}`,
    `Contact phone: ${configuration.contact.phone_number}`,
    `Logo document: ${configuration.logo.document_id} (${configuration.logo.content_type})`,
  ];
}

/**
 * LOA configurations (`/porting/loa_configurations`): create, list, retrieve, update, delete, and the
 * two previews, each a small PDF naming every field. Stored per account (API key). The body rules are
 * the spec's `CreatePortingLOAConfiguration` (every problem reported at once, each with its pointer);
 * the logo must be an uploaded PNG document, which the configuration then keeps alive.
 */
export function registerLoaConfigurationRoutes(router: Router, ctx: SimContext): void {
  const find = (request: SimRequest): StoredLoaConfiguration => {
    const id = request.params.id ?? '';
    const found = loaConfigurationsOf(ctx, request.apiKey).find((c) => c.id === id);
    if (found === undefined) throw SimApiError.notFound(`LOA configuration ${id}`);
    return found;
  };

  router.add('GET', '/porting/loa_configurations', (request) => {
    const page = paginate(loaConfigurationsOf(ctx, request.apiKey), request.query);
    return ok({ data: page.data.map(renderConfiguration), meta: page.meta });
  });
  router.add('POST', '/porting/loa_configurations', (request) => {
    const fields = parseConfiguration(request.body, ctx);
    const nowMs = ctx.clock.nowMs();
    const stored: StoredLoaConfiguration = { id: randomUUID(), ...fields, createdAtMs: nowMs, updatedAtMs: nowMs };
    ctx.documents.link(fields.logo.document_id);
    loaConfigurationsOf(ctx, request.apiKey).push(stored);
    return ok({ data: renderConfiguration(stored) }, 201);
  });
  router.add('POST', '/porting/loa_configurations/preview', (request) => {
    const fields = parseConfiguration(request.body, ctx);
    return pdf(previewPdf({ id: '(preview)', ...fields, createdAtMs: 0, updatedAtMs: 0 }));
  });
  router.add('GET', '/porting/loa_configurations/:id', (request) => ok({ data: renderConfiguration(find(request)) }));
  router.add('PATCH', '/porting/loa_configurations/:id', (request) => {
    const stored = find(request);
    const fields = parseConfiguration(request.body, ctx);
    Object.assign(stored, fields, { updatedAtMs: ctx.clock.nowMs() });
    ctx.documents.link(fields.logo.document_id);
    return ok({ data: renderConfiguration(stored) });
  });
  router.add('DELETE', '/porting/loa_configurations/:id', (request) => {
    const stored = find(request);
    const list = loaConfigurationsOf(ctx, request.apiKey);
    list.splice(list.indexOf(stored), 1);
    return noContent();
  });
  router.add('GET', '/porting/loa_configurations/:id/preview', (request) => pdf(previewPdf(find(request))));
}

function pdf(bytes: Buffer): { status: number; raw: { bytes: Buffer; contentType: string } } {
  return { status: 200, raw: { bytes, contentType: 'application/pdf' } };
}

function previewPdf(configuration: StoredLoaConfiguration): Buffer {
  return textPdf(['LETTER OF AUTHORIZATION (preview)', ...loaConfigurationLines(configuration), '', 'Porting order, end user and numbers are filled in per order.']);
}

function renderConfiguration(stored: StoredLoaConfiguration): Record<string, unknown> {
  return {
    id: stored.id,
    record_type: 'porting_loa_configuration',
    name: stored.name,
    company_name: stored.company_name,
    address: { ...stored.address },
    contact: { ...stored.contact },
    logo: { ...stored.logo },
    organization_id: SIM_ORGANIZATION_ID,
    created_at: new Date(stored.createdAtMs).toISOString(),
    updated_at: new Date(stored.updatedAtMs).toISOString(),
  };
}

type ConfigurationFields = Omit<StoredLoaConfiguration, 'id' | 'createdAtMs' | 'updatedAtMs'>;

/** The spec's CreatePortingLOAConfiguration rules, every problem in one 422. */
function parseConfiguration(body: unknown, ctx: SimContext): ConfigurationFields {
  const errors: TelnyxErrorObject[] = [];
  const problem = (pointer: string, detail: string): void => {
    errors.push({ code: '10015', title: 'Invalid value', detail, source: { pointer } });
  };
  const root = isObject(body) ? body : {};
  if (!isObject(body)) problem('/', 'expected a JSON object');
  const text = (object: Record<string, unknown>, pointer: string, name: string, isRequired: boolean, pattern?: RegExp, rule?: string): string | undefined => {
    const value = object[name];
    if (value === undefined || value === null || value === '') {
      if (isRequired) problem(`${pointer}/${name}`, 'is required');
      return undefined;
    }
    if (typeof value !== 'string') {
      problem(`${pointer}/${name}`, 'expected a string');
      return undefined;
    }
    if (pattern !== undefined && !pattern.test(value)) problem(`${pointer}/${name}`, `expected ${rule ?? `to match ${pattern.source}`}`);
    return value;
  };
  const section = (name: string): Record<string, unknown> => {
    const value = root[name];
    if (value === undefined || value === null) {
      problem(`/${name}`, 'is required');
      return {};
    }
    if (!isObject(value)) {
      problem(`/${name}`, 'expected an object');
      return {};
    }
    return value;
  };
  const name = text(root, '', 'name', true);
  const companyName = text(root, '', 'company_name', true);
  const address = section('address');
  const street = text(address, '/address', 'street_address', true);
  const extended = text(address, '/address', 'extended_address', false);
  const city = text(address, '/address', 'city', true);
  const state = text(address, '/address', 'state', true, STATE_PATTERN, 'a two-letter code such as TX');
  const zip = text(address, '/address', 'zip_code', true, ZIP_PATTERN, 'a ZIP code such as 78701 or 78701-1234');
  const country = text(address, '/address', 'country_code', true, STATE_PATTERN, 'a two-letter country code such as US');
  const contact = section('contact');
  const email = text(contact, '/contact', 'email', true, EMAIL_PATTERN, 'an email address');
  const phone = text(contact, '/contact', 'phone_number', true, PHONE_PATTERN, 'a phone number in +E.164 with 11 to 15 digits');
  const logo = section('logo');
  const documentId = text(logo, '/logo', 'document_id', true);
  if (documentId !== undefined) {
    const file = ctx.documents.download(documentId);
    if (file === undefined) problem('/logo/document_id', `document ${documentId} not found`);
    else if (!file.bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) problem('/logo/document_id', `the logo must be a PNG image; document ${documentId} (${file.filename}) is not one`);
  }
  if (errors.length > 0) throw new SimApiError(422, errors);
  return {
    name: name as string,
    company_name: companyName as string,
    address: {
      street_address: street as string,
      ...(extended === undefined ? {} : { extended_address: extended }),
      city: city as string,
      state: state as string,
      zip_code: zip as string,
      country_code: country as string,
    },
    contact: { email: email as string, phone_number: phone as string },
    logo: { document_id: documentId as string, content_type: 'image/png' },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
