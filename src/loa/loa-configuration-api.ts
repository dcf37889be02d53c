import { createHash } from 'node:crypto';
import path from 'node:path';
import type { LoaConfigurationCreateParams, LoaConfigurationUpdateParams, LoaConfigurationPreviewParams } from 'telnyx/resources/porting/loa-configurations';
import { AmbiguousCallError } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';
import { sendOnce, type SendOnceOutcome } from '../api/send-once.js';
import { InputFileError } from '../core/errors.js';
import { openDocument, readOpenedDocument } from '../input/open-document.js';
import type { LoaConfigurationBody } from './loa-configuration-rules.js';
import { readPdfAnswer } from './read-pdf-answer.js';

/** An LOA configuration as the tool reads it (every field optional in the spec). */
export interface WireLoaConfiguration {
  readonly id?: string;
  readonly name?: string | null;
  readonly company_name?: string | null;
  readonly address?: { readonly city?: string; readonly state?: string; readonly street_address?: string; readonly zip_code?: string; readonly country_code?: string } | null;
  readonly contact?: { readonly email?: string; readonly phone_number?: string } | null;
  readonly logo?: { readonly document_id?: string } | null;
  readonly created_at?: string | null;
  readonly updated_at?: string | null;
}

/** A logo file checked and read, ready to upload (nothing has been sent yet). */
export interface LogoFile {
  readonly path: string;
  readonly filename: string;
  readonly content: Buffer;
  readonly sha256: string;
}

/**
 * Opens `--logo FILE.png` under the document rules (its real path, no links, a regular file, ≤ 20 MB)
 * and requires a PNG (the spec's logo content type is image/png only). Refusals are input errors:
 * exit 2, nothing sent.
 */
export async function readLogoFile(file: string, cwd: string): Promise<LogoFile> {
  const absolute = path.resolve(cwd, file);
  const opened = await openDocument(path.basename(absolute), { sheetDir: path.dirname(absolute) });
  if (!opened.ok) throw new InputFileError(`--logo ${file}: cannot use the file (${opened.reason}); nothing was sent`);
  try {
    if (opened.kind !== 'PNG') throw new InputFileError(`--logo ${file}: expected a PNG image (the LOA logo must be image/png), got a ${opened.kind} file; nothing was sent`);
    const content = await readOpenedDocument(opened.handle);
    return { path: opened.realPath, filename: path.basename(absolute), content, sha256: createHash('sha256').update(content).digest('hex') };
  } finally {
    await opened.handle.close();
  }
}

/**
 * Uploads the logo as a document and returns its id. There is no documented way to find an upload
 * whose answer was lost, so it is sent once more; an unused copy is deleted by Telnyx after 30 minutes.
 */
export async function uploadLogo(session: ApiSession, logo: LogoFile): Promise<string> {
  const body = { document: { file: logo.content.toString('base64'), filename: logo.filename, customer_reference: `bulkport-loa-logo/${logo.sha256.slice(0, 16)}` } };
  const label = `upload logo ${logo.filename}`;
  const upload = () => session.scheduler.call('create', label, () => session.client.documents.uploadJson(body), SHAPES.document);
  let answer;
  try {
    answer = await upload();
  } catch (error) {
    if (!(error instanceof AmbiguousCallError)) throw error;
    answer = await session.scheduler.call('create', `${label} (again, no answer to the first)`, () => session.client.documents.uploadJson(body), SHAPES.document);
  }
  const id = answer.data?.id;
  if (id === undefined || id === '') throw new AmbiguousCallError(label, 'create', 'the answer had no document id');
  return id;
}

export async function listLoaConfigurations(session: ApiSession): Promise<WireLoaConfiguration[]> {
  return session.scheduler.listAll('LOA configurations', (pageNumber, pageSize) =>
    session.client.porting.loaConfigurations.list({ 'page[number]': pageNumber, 'page[size]': pageSize }),
    SHAPES.loaConfigurations,
  ) as Promise<WireLoaConfiguration[]>;
}

export async function retrieveLoaConfiguration(session: ApiSession, id: string): Promise<WireLoaConfiguration> {
  const answer = await session.scheduler.call('read', `LOA configuration ${id}`, () => session.client.porting.loaConfigurations.retrieve(id), SHAPES.loaConfiguration);
  return (answer.data ?? {}) as WireLoaConfiguration;
}

/**
 * Creates a configuration. A create: after an answer that never came, the account's configurations
 * are listed and one with the same name, company and address counts as this one (sent at most twice).
 */
export function createLoaConfiguration(session: ApiSession, body: LoaConfigurationBody): Promise<SendOnceOutcome<WireLoaConfiguration, WireLoaConfiguration>> {
  return sendOnce({
    mayHaveBeenSent: false,
    beforeSend: async () => {},
    send: async () => {
      const answer = await session.scheduler.call('create', `create LOA configuration "${body.name}"`, () => session.client.porting.loaConfigurations.create(body as LoaConfigurationCreateParams), SHAPES.loaConfiguration);
      return (answer.data ?? {}) as WireLoaConfiguration;
    },
    lookForIt: async () => (await listLoaConfigurations(session)).find((c) => isSameConfiguration(c, body)),
  });
}

/** PATCH with the whole body: idempotent, retried like a read. */
export async function updateLoaConfiguration(session: ApiSession, id: string, body: LoaConfigurationBody): Promise<WireLoaConfiguration> {
  const answer = await session.scheduler.call('idempotent', `update LOA configuration ${id}`, () => session.client.porting.loaConfigurations.update(id, body as LoaConfigurationUpdateParams), SHAPES.loaConfiguration);
  return (answer.data ?? {}) as WireLoaConfiguration;
}

/** The preview PDF of a body (POST …/preview: creates nothing, so it is retried like a read) or of a stored configuration. */
export async function previewLoaConfiguration(session: ApiSession, source: { readonly body: LoaConfigurationBody } | { readonly id: string }): Promise<Buffer> {
  if ('id' in source) {
    const response = await session.scheduler.call('read', `preview of LOA configuration ${source.id}`, () => session.client.porting.loaConfigurations.preview1(source.id), SHAPES.pdf);
    return readPdfAnswer(response, `preview of LOA configuration ${source.id}`);
  }
  const response = await session.scheduler.call('idempotent', `preview of LOA configuration "${source.body.name}"`, () => session.client.porting.loaConfigurations.preview0(source.body as LoaConfigurationPreviewParams), SHAPES.pdf);
  return readPdfAnswer(response, `preview of LOA configuration "${source.body.name}"`);
}

function isSameConfiguration(found: WireLoaConfiguration, body: LoaConfigurationBody): boolean {
  return (
    found.name === body.name &&
    found.company_name === body.company_name &&
    found.address?.street_address === body.address.street_address &&
    found.address?.zip_code === body.address.zip_code &&
    found.contact?.email === body.contact.email
  );
}
