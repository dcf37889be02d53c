import { MAX_DOCUMENT_BYTES } from '../input/open-document.js';

/** An answer that should have been a PDF and is not usable as one (empty, cut off, too big, not a PDF). */
export class UnusablePdfError extends Error {}

/**
 * Reads a PDF answer (an LOA template, a configuration preview) whole, at most 20 MB (Telnyx's
 * document limit: anything bigger could not be uploaded back signed anyway), and checks it starts
 * like a PDF and ends with an end-of-file marker, so a cut-off or foreign answer never lands on
 * disk as an LOA.
 */
export async function readPdfAnswer(response: Response, what: string): Promise<Buffer> {
  const reader = response.body?.getReader();
  if (reader === undefined) throw new UnusablePdfError(`${what}: the answer had no body`);
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > MAX_DOCUMENT_BYTES) {
        await reader.cancel();
        throw new UnusablePdfError(`${what}: the answer is over 20 MB, not an LOA`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof UnusablePdfError) throw error;
    throw new UnusablePdfError(`${what}: the answer broke off (${error instanceof Error ? error.message : String(error)})`);
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new UnusablePdfError(`${what}: the answer is not a PDF (${bytes.length === 0 ? 'empty' : `starts with ${JSON.stringify(bytes.subarray(0, 8).toString('latin1'))}`})`);
  }
  if (!bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1').includes('%%EOF')) {
    throw new UnusablePdfError(`${what}: the PDF is cut off (no end-of-file marker)`);
  }
  return bytes;
}
