import type { IncomingHttpHeaders } from 'node:http';
import { SimApiError } from './http.js';

/** The documented demo key the simulator accepts when no keys are configured (`bulkport sim` prints it). */
export const KEY_BULKPORT_DEMO = 'KEY_BULKPORT_DEMO';

/**
 * The bearer key of a request, checked against the accepted keys. Missing or unknown keys get
 * Telnyx's 401 (`10009 Authentication failed`).
 */
export function authenticate(headers: IncomingHttpHeaders, acceptedKeys: ReadonlySet<string>): string {
  const header = headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  const key = match?.[1];
  if (key === undefined) {
    throw authFailed('The request has no Authorization header with a bearer API key.');
  }
  if (!acceptedKeys.has(key)) {
    throw authFailed('The API key in the Authorization header is not valid.');
  }
  return key;
}

function authFailed(detail: string): SimApiError {
  return new SimApiError(401, [
    {
      code: '10009',
      title: 'Authentication failed',
      detail,
      meta: { url: 'https://developers.telnyx.com/docs/overview/errors/10009' },
    },
  ]);
}
