import { createHash } from 'node:crypto';
import path from 'node:path';
import { AmbiguousCallError, ApiRejectedError } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import type { CampaignJournal } from '../campaign/campaign-journal.js';
import { InputFileError } from '../core/errors.js';
import { openDocument, readOpenedDocument } from '../input/open-document.js';
import type { DocumentRef } from '../plan/plan-types.js';
import { SHAPES } from '../api/response-shapes.js';

/** A document Telnyx would not take: every order that needs it fails with this. */
export class DocumentRejectedError extends Error {
  constructor(
    readonly document: DocumentRef,
    readonly detail: string,
  ) {
    super(`${document.filename}: Telnyx refused the upload: ${detail}`);
  }
}

/**
 * Uploads each distinct document (by content SHA-256) once per campaign, lazily: the first order
 * that needs a document triggers its upload, because Telnyx deletes an upload no order references
 * within 30 minutes. Concurrent orders needing the same document share one upload.
 *
 * Ids from an earlier run are checked once per run (GET /documents/{id}): a document that is gone
 * (404: never linked in time) is uploaded again rather than failing the orders. There is no
 * documented way to list documents, so an upload whose answer was lost is simply sent again; the
 * unreferenced copy is deleted by Telnyx after 30 minutes.
 */
export class DocumentUploads {
  readonly #session: ApiSession;
  readonly #journal: CampaignJournal;
  readonly #campaign: string;
  readonly #resolved = new Map<string, Promise<string>>();
  #uploadCount = 0;

  constructor(session: ApiSession, journal: CampaignJournal, campaign: string) {
    this.#session = session;
    this.#journal = journal;
    this.#campaign = campaign;
  }

  /** Uploads made by this run. */
  get uploadCount(): number {
    return this.#uploadCount;
  }

  /** The document id to attach; uploads the file if this campaign has no live copy. */
  idFor(document: DocumentRef): Promise<string> {
    let pending = this.#resolved.get(document.sha256);
    if (pending === undefined) {
      pending = this.#resolve(document);
      this.#resolved.set(document.sha256, pending);
      // A failed upload is not cached: a later order may try again (and report its own failure).
      pending.catch(() => this.#resolved.delete(document.sha256));
    }
    return pending;
  }

  /** Forgets an id Telnyx no longer accepts (a PATCH said the document is gone). */
  forget(document: DocumentRef, documentId: string): void {
    const pending = this.#resolved.get(document.sha256);
    this.#resolved.set(
      document.sha256,
      (pending ?? Promise.resolve(documentId)).then((id) => (id === documentId ? this.#upload(document) : id)),
    );
  }

  /** Whether Telnyx still has the document (GET /documents/{id}; 404 means it is gone). */
  async exists(documentId: string): Promise<boolean> {
    try {
      await this.#session.scheduler.call('read', `document ${documentId}`, () => this.#session.client.documents.retrieve(documentId), SHAPES.document);
      return true;
    } catch (error) {
      if (error instanceof ApiRejectedError && error.isNotFound) return false;
      throw error;
    }
  }

  async #resolve(document: DocumentRef): Promise<string> {
    const known = this.#journal.state.documents.get(document.sha256);
    if (known !== undefined && (await this.exists(known))) return known;
    return this.#upload(document);
  }

  async #upload(document: DocumentRef): Promise<string> {
    const content = await readPlannedDocument(document);
    const body = {
      document: {
        file: content.toString('base64'),
        filename: document.filename,
        customer_reference: `${this.#campaign}/${document.sha256.slice(0, 16)}`,
      },
    };
    await this.#journal.record({ t: 'intent', op: 'upload', sha256: document.sha256, filename: document.filename });
    const label = `upload ${document.filename}`;
    let response;
    try {
      this.#uploadCount += 1;
      response = await this.#session.scheduler.call('create', label, () => this.#session.client.documents.uploadJson(body), SHAPES.document);
    } catch (error) {
      if (!(error instanceof AmbiguousCallError)) throw await this.#rejection(document, error);
      // No way to find the lost upload: send it again; the orphan is deleted unreferenced.
      this.#uploadCount += 1;
      try {
        response = await this.#session.scheduler.call('create', `${label} (again, no answer to the first)`, () => this.#session.client.documents.uploadJson(body), SHAPES.document);
      } catch (again) {
        throw await this.#rejection(document, again);
      }
    }
    const id = response.data?.id;
    if (id === undefined) throw new DocumentRejectedError(document, 'the answer had no document id');
    await this.#journal.record({ t: 'uploaded', sha256: document.sha256, document: id, filename: document.filename });
    return id;
  }

  /** A refusal becomes a DocumentRejectedError (journaled); anything else stays a run problem. */
  async #rejection(document: DocumentRef, error: unknown): Promise<unknown> {
    if (!(error instanceof ApiRejectedError)) return error;
    const detail = error.errors.map((e) => e.detail || e.title).join('; ') || `HTTP ${error.status}`;
    await this.#journal.record({ t: 'failed', op: 'upload', sha256: document.sha256, code: 'SUBMIT_FAILED', message: detail });
    return new DocumentRejectedError(document, detail);
  }
}

/**
 * Reads a document the plan inspected, through the same guarded open (its real path, no links,
 * a regular file, ≤ 20 MB, a PDF/PNG/JPEG/TIFF), and only if its content is still the one the plan
 * hashed: what is uploaded is exactly what `plan` reported.
 */
async function readPlannedDocument(document: DocumentRef): Promise<Buffer> {
  const opened = await openDocument(document.path, { sheetDir: path.dirname(document.path) });
  const changed = (why: string): InputFileError =>
    new InputFileError(`${document.path}: cannot upload the document (${why}); it was usable when the plan was made`, 'Put the file back (or fix the sheet) and run submit again.');
  if (!opened.ok) throw changed(opened.reason);
  let content: Buffer;
  try {
    content = await readOpenedDocument(opened.handle);
  } catch (error) {
    throw changed(error instanceof Error ? error.message : String(error));
  } finally {
    await opened.handle.close();
  }
  if (createHash('sha256').update(content).digest('hex') !== document.sha256) throw changed('its content changed since');
  return content;
}
