import { MAX_DOCUMENT_BYTES } from '../documents-store.js';
import { ok, SimApiError, type SimRequest } from '../http.js';
import { multipartBoundary, parseMultipart } from '../multipart.js';
import type { Router } from '../router.js';
import type { SimContext } from '../state.js';

/**
 * Documents: upload as JSON with base64 `file` (what the SDK's `documents.upload()` sends, to
 * `/documents?content-type=multipart`) or as real multipart/form-data; retrieve; download.
 */
export function registerDocumentRoutes(router: Router, ctx: SimContext): void {
  router.add('POST', '/documents', (request) => {
    const upload = uploadOf(request);
    if (upload.bytes.length > MAX_DOCUMENT_BYTES) {
      throw SimApiError.invalid('/file', `documents are limited to 20 MB (${MAX_DOCUMENT_BYTES} bytes), got ${upload.bytes.length} bytes`, '10015', 'File too large');
    }
    if (upload.bytes.length === 0) throw SimApiError.invalid('/file', 'the file is empty', '10015', 'Invalid value');
    if (upload.filename.length > 512) throw SimApiError.invalid('/filename', 'filenames are limited to 512 characters', '10015', 'Invalid value');
    return ok({ data: ctx.documents.create(upload) });
  });

  router.add('GET', '/documents/:id', (request) => {
    const document = ctx.documents.get(request.params.id ?? '');
    if (!document) throw SimApiError.notFound(`document ${request.params.id ?? ''}`);
    return ok({ data: document });
  });

  router.add('GET', '/documents/:id/download', (request) => {
    const file = ctx.documents.download(request.params.id ?? '');
    if (!file) throw SimApiError.notFound(`document ${request.params.id ?? ''}`);
    return {
      status: 200,
      raw: { bytes: file.bytes, contentType: file.contentType },
      headers: { 'content-disposition': `attachment; filename="${file.filename.replace(/"/g, '')}"` },
    };
  });
}

interface Upload {
  bytes: Buffer;
  filename: string;
  contentType: string | undefined;
  customerReference: string | undefined;
}

function uploadOf(request: SimRequest): Upload {
  const boundary = multipartBoundary(request.headers['content-type']);
  if (boundary !== undefined) {
    const parts = parseMultipart(request.rawBody, boundary);
    const file = parts.find((p) => p.name === 'file');
    if (!file) throw SimApiError.invalid('/file', 'must be present: the multipart part named "file"', '10015', 'Bad Request');
    const reference = parts.find((p) => p.name === 'customer_reference')?.data.toString('utf8');
    const filename = parts.find((p) => p.name === 'filename')?.data.toString('utf8') ?? file.filename ?? 'document';
    return { bytes: file.data, filename, contentType: file.contentType === 'application/octet-stream' ? undefined : file.contentType, customerReference: reference };
  }
  const body = request.body as { file?: unknown; url?: unknown; filename?: unknown; customer_reference?: unknown } | undefined;
  if (body === undefined || typeof body !== 'object' || body === null) {
    throw SimApiError.invalid('/file', 'must be present: base64 file contents (JSON) or a multipart "file" part', '10015', 'Bad Request');
  }
  if (body.file === undefined && typeof body.url === 'string') {
    throw SimApiError.invalid('/url', 'the simulator has no network access: send the file contents as base64 in "file"', '10015', 'Unsupported');
  }
  if (typeof body.file === 'string' && decodedLength(body.file) > MAX_DOCUMENT_BYTES) {
    // Refused before decoding: a 20 MB base64 string takes a noticeable time to decode.
    throw SimApiError.invalid('/file', `documents are limited to 20 MB (${MAX_DOCUMENT_BYTES} bytes), got about ${decodedLength(body.file)} bytes`, '10015', 'File too large');
  }
  if (typeof body.file !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(body.file.replace(/\s/g, ''))) {
    throw SimApiError.invalid('/file', 'expected the base64-encoded file contents', '10015', 'Invalid value');
  }
  if (body.filename !== undefined && typeof body.filename !== 'string') throw SimApiError.invalid('/filename', 'expected a string');
  if (body.customer_reference !== undefined && typeof body.customer_reference !== 'string') throw SimApiError.invalid('/customer_reference', 'expected a string');
  return {
    bytes: Buffer.from(body.file, 'base64'),
    filename: (body.filename as string | undefined) ?? 'document',
    contentType: undefined,
    customerReference: body.customer_reference as string | undefined,
  };
}

function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}
