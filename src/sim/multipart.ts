import { SimApiError } from './http.js';

export interface MultipartPart {
  readonly name: string;
  readonly filename: string | undefined;
  readonly contentType: string | undefined;
  readonly data: Buffer;
}

/** The boundary of a `multipart/form-data` content type, or undefined for other types. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** Splits a multipart/form-data body into its parts (RFC 7578); a malformed body is a 422. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) throw malformed('no boundary line found');
  while (true) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') return parts;
    position = skipLineBreak(body, position);
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd < 0) throw malformed('a part has no header end');
    const headers = body.subarray(position, headerEnd).toString('utf8').split('\r\n');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw malformed('a part is not closed by the boundary');
    parts.push(partFrom(headers, body.subarray(headerEnd + 4, next)));
    position = next + 2;
  }
}

function partFrom(headers: readonly string[], data: Buffer): MultipartPart {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const header of headers) {
    const [key = '', ...rest] = header.split(':');
    const value = rest.join(':').trim();
    if (/^content-disposition$/i.test(key.trim())) {
      name = /\bname="([^"]*)"/i.exec(value)?.[1];
      filename = /\bfilename="([^"]*)"/i.exec(value)?.[1];
    } else if (/^content-type$/i.test(key.trim())) {
      contentType = value;
    }
  }
  if (name === undefined) throw malformed('a part has no Content-Disposition name');
  return { name, filename, contentType, data };
}

function skipLineBreak(body: Buffer, position: number): number {
  return body.subarray(position, position + 2).toString() === '\r\n' ? position + 2 : position;
}

function malformed(detail: string): SimApiError {
  return new SimApiError(422, [{ code: '10015', title: 'Invalid multipart body', detail: `multipart/form-data: ${detail}` }]);
}
