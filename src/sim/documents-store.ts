import { createHash, randomUUID } from 'node:crypto';
import { MINUTE_MS, type SimClock } from './clock.js';

/** Telnyx deletes an upload that no service links to within 30 minutes (POST /documents description). */
const UNLINKED_DOCUMENT_TTL_MS = 30 * MINUTE_MS;
/** Documents API limit (developers.telnyx.com, documents page). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** How long the simulated review takes before `status` turns `verified` (or `denied` when infected). */
const REVIEW_MS = 5 * MINUTE_MS;
/** The EICAR antivirus test string: an upload containing it scans as infected. */
const EICAR_MARKER = 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE';

/** The `DocServiceDocument` JSON the API answers. */
export interface DocServiceDocument {
  id: string;
  record_type: 'document';
  filename: string;
  content_type: string;
  size: { amount: number; unit: 'bytes' };
  sha256: string;
  status: 'pending' | 'verified' | 'denied';
  av_scan_status: 'scanned' | 'infected' | 'pending_scan' | 'not_scanned';
  customer_reference?: string;
  created_at: string;
  updated_at: string;
}

export interface NewDocument {
  readonly bytes: Buffer;
  readonly filename: string;
  /** Guessed from the filename when omitted. */
  readonly contentType?: string | undefined;
  readonly customerReference?: string | undefined;
  /** Documents the simulator makes for a service (report CSVs) are linked from the start. */
  readonly isLinked?: boolean;
}

/** One stored document; JSON-serializable for the state file (bytes as base64). */
export interface StoredDocument {
  id: string;
  filename: string;
  contentType: string;
  customerReference: string | undefined;
  sha256: string;
  bytesBase64: string;
  size: number;
  isInfected: boolean;
  isLinked: boolean;
  createdAtMs: number;
}

/**
 * Uploaded files (LOAs, invoices, report CSVs). Expiry is lazy: an unlinked document older than 30
 * simulated minutes is treated as deleted when anyone asks for it.
 */
export class DocumentStore {
  readonly #clock: SimClock;
  readonly #documents = new Map<string, StoredDocument>();
  readonly #bytes = new Map<string, Buffer>();

  constructor(clock: SimClock) {
    this.#clock = clock;
  }

  create(input: NewDocument): DocServiceDocument {
    const filename = input.filename.replace(/\s+/g, '');
    const stored: StoredDocument = {
      id: randomUUID(),
      filename,
      contentType: input.contentType ?? contentTypeForFilename(filename),
      customerReference: input.customerReference,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      bytesBase64: '',
      size: input.bytes.length,
      isInfected: input.bytes.includes(EICAR_MARKER),
      isLinked: input.isLinked ?? false,
      createdAtMs: this.#clock.nowMs(),
    };
    this.#documents.set(stored.id, stored);
    this.#bytes.set(stored.id, input.bytes);
    return this.render(stored);
  }

  /** The document as the API shows it, or undefined when unknown or expired. */
  get(id: string): DocServiceDocument | undefined {
    const stored = this.#live(id);
    return stored ? this.render(stored) : undefined;
  }

  has(id: string): boolean {
    return this.#live(id) !== undefined;
  }

  /** Whether the document scanned as infected (such a document cannot satisfy a requirement). */
  isDenied(id: string): boolean {
    return this.#live(id)?.isInfected ?? false;
  }

  download(id: string): { bytes: Buffer; contentType: string; filename: string } | undefined {
    const stored = this.#live(id);
    const bytes = stored ? this.#bytes.get(id) : undefined;
    if (!stored || !bytes) return undefined;
    return { bytes, contentType: stored.contentType, filename: stored.filename };
  }

  /** Marks a document as used by a service, so it no longer expires. */
  link(id: string): void {
    const stored = this.#live(id);
    if (stored) stored.isLinked = true;
  }

  render(stored: StoredDocument): DocServiceDocument {
    const reviewed = this.#clock.nowMs() - stored.createdAtMs >= REVIEW_MS;
    const at = new Date(stored.createdAtMs).toISOString();
    const document: DocServiceDocument = {
      id: stored.id,
      record_type: 'document',
      filename: stored.filename,
      content_type: stored.contentType,
      size: { amount: stored.size, unit: 'bytes' },
      sha256: stored.sha256,
      status: stored.isInfected ? 'denied' : reviewed ? 'verified' : 'pending',
      av_scan_status: stored.isInfected ? 'infected' : 'scanned',
      created_at: at,
      updated_at: reviewed ? new Date(stored.createdAtMs + REVIEW_MS).toISOString() : at,
    };
    if (stored.customerReference !== undefined) document.customer_reference = stored.customerReference;
    return document;
  }

  /** Snapshot for the state file. */
  exportState(): StoredDocument[] {
    return [...this.#documents.values()].map((d) => ({ ...d, bytesBase64: (this.#bytes.get(d.id) ?? Buffer.alloc(0)).toString('base64') }));
  }

  importState(documents: readonly StoredDocument[]): void {
    for (const d of documents) {
      this.#documents.set(d.id, { ...d, bytesBase64: '' });
      this.#bytes.set(d.id, Buffer.from(d.bytesBase64, 'base64'));
    }
  }

  #live(id: string): StoredDocument | undefined {
    const stored = this.#documents.get(id);
    if (!stored) return undefined;
    if (!stored.isLinked && this.#clock.nowMs() - stored.createdAtMs > UNLINKED_DOCUMENT_TTL_MS) {
      this.#documents.delete(id);
      this.#bytes.delete(id);
      return undefined;
    }
    return stored;
  }
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  csv: 'text/csv',
  txt: 'text/plain',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

function contentTypeForFilename(filename: string): string {
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}
