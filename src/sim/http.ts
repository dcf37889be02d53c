import type { IncomingHttpHeaders } from 'node:http';

/** A parsed request as route handlers see it. */
export interface SimRequest {
  readonly method: string;
  /** Path below the `/v2` prefix, e.g. `/porting_orders/abc`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Values of `:name` segments in the route pattern. */
  readonly params: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when there was none (multipart bodies: see `rawBody`). */
  readonly body: unknown;
  readonly rawBody: Buffer;
  /** The bearer key that authenticated the request. */
  readonly apiKey: string;
}

/** What a handler returns; the server adds the rate-limit headers and serializes. */
export interface SimResponse {
  readonly status: number;
  /** JSON body; omitted for 204. */
  readonly body?: unknown;
  /** A non-JSON body (CSV, PDF, document bytes). */
  readonly raw?: { readonly bytes: Buffer; readonly contentType: string };
  readonly headers?: Readonly<Record<string, string>>;
}

export interface TelnyxErrorObject {
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly source?: { readonly pointer?: string; readonly parameter?: string };
  readonly meta?: Record<string, unknown>;
}

/** Thrown by handlers; the server answers `{errors:[…]}` with the status (Telnyx's error envelope). */
export class SimApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly TelnyxErrorObject[],
  ) {
    super(errors.map((e) => e.detail ?? e.title).join('; '));
  }

  static notFound(what: string): SimApiError {
    return new SimApiError(404, [{ code: '10005', title: 'Resource not found', detail: `${what} not found` }]);
  }

  /** 422 for one field, with `source.pointer` (JSON pointer into the request body). */
  static invalid(pointer: string, detail: string, code = '10015', title = 'Invalid value'): SimApiError {
    return new SimApiError(422, [{ code, title, detail, source: { pointer } }]);
  }

  static unprocessable(detail: string, code = '10015', title = 'Unprocessable entity'): SimApiError {
    return new SimApiError(422, [{ code, title, detail }]);
  }
}

export function ok(body: unknown, status = 200): SimResponse {
  return { status, body };
}

export function noContent(): SimResponse {
  return { status: 204 };
}

const MAX_PAGE_SIZE = 250;

/**
 * Telnyx list pagination: `page[number]` (from 1), `page[size]` (1–250, default 20) and the
 * `meta` the SDK's auto-pagination needs (`page_number`, `total_pages`).
 */
export function paginate<T>(items: readonly T[], query: URLSearchParams, defaultSize = 20): { data: T[]; meta: PageMeta } {
  const page = pageWindow(items.length, query, defaultSize);
  return { data: items.slice(page.start, page.end), meta: page.meta };
}

/** The page's meta and its `[start, end)` item range, for lists too big to materialize (porting phone numbers). */
export function pageWindow(totalResults: number, query: URLSearchParams, defaultSize = 20): { start: number; end: number; meta: PageMeta } {
  const number = parsePageParam(query, 'page[number]', 1, Number.MAX_SAFE_INTEGER) ?? 1;
  const size = parsePageParam(query, 'page[size]', 1, MAX_PAGE_SIZE) ?? defaultSize;
  const start = (number - 1) * size;
  return {
    start,
    end: start + size,
    meta: {
      page_number: number,
      page_size: size,
      total_pages: Math.max(1, Math.ceil(totalResults / size)),
      total_results: totalResults,
    },
  };
}

export interface PageMeta {
  page_number: number;
  page_size: number;
  total_pages: number;
  total_results: number;
}

function parsePageParam(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SimApiError(422, [
      { code: '10015', title: 'Invalid parameter', detail: `${name} must be an integer from ${min} to ${max}`, source: { parameter: name } },
    ]);
  }
  return value;
}

/** The `filter[...]` values of a deepObject query; comma lists (the SDK's arrayFormat) are split. */
export function filterValues(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(`filter[${name}]`).concat(query.getAll(`filter[${name}][]`));
  if (values.length === 0) return undefined;
  return values.flatMap((v) => v.split(',')).filter((v) => v !== '');
}

/**
 * Every `filter[…]` of a query as dotted paths: `filter[phone_numbers][phone_number][contains]` (how
 * the SDK's qs writes nested filters) and `filter[phone_numbers.phone_number][contains]` (how the
 * spec names them) both become `phone_numbers.phone_number.contains`.
 */
export function deepFilters(query: URLSearchParams): Map<string, string> {
  const filters = new Map<string, string>();
  for (const [key, value] of query) {
    if (!key.startsWith('filter[')) continue;
    const segments = [...key.slice('filter'.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]).filter((s) => s !== '');
    filters.set(segments.join('.'), value);
  }
  return filters;
}
