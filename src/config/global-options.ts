import path from 'node:path';
import type { Argv } from 'yargs';
import { ConfigError, UsageError } from '../core/errors.js';
import { ApiKey } from '../core/api-key.js';
import { DEFAULT_MAX_INFLATED_BYTES } from '../core/excel-limits.js';
import { parseDuration } from '../export/parse-duration.js';
import { checkApiKeyText, readApiKeyFile } from './read-api-key-file.js';

const TELNYX_PRODUCTION_URL = 'https://api.telnyx.com/v2';

export type OutputFormat = 'csv' | 'xlsx';

/** Raw global flags as yargs parses them (docs/architecture.md §8.3: resolved once, here, into GlobalOptions). */
export interface RawGlobalArgs {
  'api-key'?: string | undefined;
  'api-key-file'?: string | undefined;
  'base-url'?: string | undefined;
  concurrency: number;
  rate: number;
  'max-wait': string;
  'request-timeout': string;
  out?: string | undefined;
  json: boolean;
  quiet: boolean;
  'default-country': string;
  sheet?: string | undefined;
  map: string[];
  format: string;
  'state-dir': string;
  'max-inflated': number;
  'max-range': number;
}

export interface GlobalOptions {
  /** Undefined when no key was given; commands that call the API ask `requireApiKey`. */
  readonly apiKey: ApiKey | undefined;
  readonly baseURL: string;
  /** Whether baseURL came from the user (flag or env) rather than the production default. */
  readonly isBaseUrlExplicit: boolean;
  readonly concurrency: number;
  readonly ratePerSecond: number;
  /** `--max-wait`: longest one API call may spend retrying (backoffs, server-asked pauses, retries). */
  readonly maxWaitMs: number;
  /** `--request-timeout`: longest one HTTP attempt may take, to the last byte of its answer. */
  readonly requestTimeoutMs: number;
  /** Undefined when -o was not given: each command picks its default. */
  readonly out: string | undefined;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly defaultCountry: string;
  readonly sheet: string | undefined;
  /** `--map "Their Header=phone_number"` pairs: input header → canonical column. */
  readonly headerMap: ReadonlyMap<string, string>;
  readonly formats: ReadonlySet<OutputFormat>;
  readonly stateDir: string;
  /** `--max-inflated` in bytes: what all parts of an XLSX input may unpack to together. */
  readonly maxInflatedBytes: number;
  /** `--max-range`: most numbers one range row outside Germany is expanded into (issue 15). */
  readonly maxRange: number;
}

/** Declares the global flags once for every command. */
export function withGlobalOptions<T>(yargs: Argv<T>): Argv<T & RawGlobalArgs> {
  return yargs
    .option('api-key', { type: 'string', describe: 'Telnyx API key (prefer TELNYX_API_KEY or --api-key-file: a flag shows in ps)', global: true })
    .option('api-key-file', { type: 'string', describe: 'File whose first line is the API key', global: true })
    .option('base-url', { type: 'string', describe: 'API base URL (default TELNYX_BASE_URL, else Telnyx production)', global: true })
    .option('concurrency', { type: 'number', default: 8, describe: 'Most API calls in flight at once', global: true })
    .option('rate', { type: 'number', default: 20, describe: 'Ceiling on API requests per second (paced further by the server\'s rate-limit headers)', global: true })
    .option('max-wait', { type: 'string', default: '10m', describe: 'Longest one API call may spend retrying, e.g. 90s, 10m (not export --timeout or watching)', global: true })
    .option('request-timeout', { type: 'string', default: '30s', describe: 'Longest one HTTP request may take, to the last byte of its answer', global: true })
    .option('out', { alias: 'o', type: 'string', describe: 'Output directory (default ./out/<command>-<UTC timestamp>)', global: true })
    .option('json', { type: 'boolean', default: false, describe: 'Print the machine-readable summary on stdout', global: true })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress output', global: true })
    .option('default-country', { type: 'string', default: 'US', describe: 'ISO 3166 alpha-2 region for national-format numbers', global: true })
    .option('sheet', { type: 'string', describe: 'XLSX sheet to read (default: first sheet with a recognizable header)', global: true })
    .option('map', { type: 'string', array: true, default: [] as string[], describe: 'Header mapping, e.g. --map "Cust Phone=phone_number" (repeatable)', global: true })
    .option('format', { type: 'string', default: 'csv,xlsx', describe: 'Result file formats: csv, xlsx or csv,xlsx', global: true })
    .option('state-dir', { type: 'string', default: '.bulkport', describe: 'Where campaign journals live', global: true })
    .option('max-inflated', {
      type: 'number',
      default: DEFAULT_MAX_INFLATED_BYTES / (1024 * 1024),
      describe: 'MB that all parts of an XLSX input may unpack to together (a full million-row sheet needs about 250)',
      global: true,
    })
    .option('max-range', {
      type: 'number',
      default: 1000,
      describe: 'Most numbers a range row outside Germany is expanded into (a German range is one block of at most 1,000)',
      global: true,
    }) as unknown as Argv<T & RawGlobalArgs>;
}

export function resolveGlobalOptions(args: RawGlobalArgs, env: NodeJS.ProcessEnv): GlobalOptions {
  const concurrency = args.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
    throw new UsageError(`--concurrency: expected a whole number from 1 to 256, got ${String(concurrency)}`);
  }
  const rate = args.rate;
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new UsageError(`--rate: expected a number of requests per second above 0, got ${String(rate)}`);
  }
  const maxWaitMs = parseDuration(args['max-wait']);
  if (maxWaitMs === undefined) throw new UsageError(`--max-wait: expected a duration such as 90s or 10m, got "${args['max-wait']}"`);
  const requestTimeoutMs = parseDuration(args['request-timeout']);
  if (requestTimeoutMs === undefined || requestTimeoutMs < 100 || requestTimeoutMs > 60 * 60 * 1000) {
    throw new UsageError(`--request-timeout: expected a duration from 100ms to 1h such as 30s, got "${args['request-timeout']}"`);
  }
  const defaultCountry = args['default-country'].trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(defaultCountry)) {
    throw new UsageError(`--default-country: expected an ISO 3166 alpha-2 code such as US or GB, got "${args['default-country']}"`);
  }
  const maxInflated = args['max-inflated'];
  if (!Number.isFinite(maxInflated) || maxInflated < 1 || maxInflated > 65_536) {
    throw new UsageError(`--max-inflated: expected a number of MB from 1 to 65536, got ${String(maxInflated)}`);
  }
  const maxRange = args['max-range'];
  if (!Number.isInteger(maxRange) || maxRange < 1 || maxRange > 1_000_000) {
    throw new UsageError(`--max-range: expected a whole number of numbers from 1 to 1000000, got ${String(maxRange)}`);
  }
  const envBaseUrl = env.TELNYX_BASE_URL?.trim();
  const baseURL = args['base-url'] ?? (envBaseUrl ? envBaseUrl : undefined);
  return {
    apiKey: resolveApiKey(args, env),
    baseURL: baseURL ?? TELNYX_PRODUCTION_URL,
    isBaseUrlExplicit: baseURL !== undefined,
    concurrency,
    ratePerSecond: rate,
    maxWaitMs,
    requestTimeoutMs,
    out: args.out,
    json: args.json,
    quiet: args.quiet,
    defaultCountry,
    sheet: args.sheet,
    headerMap: parseHeaderMap(args.map),
    formats: parseFormats(args.format),
    stateDir: path.resolve(args['state-dir']),
    maxInflatedBytes: Math.round(maxInflated * 1024 * 1024),
    maxRange,
  };
}

function resolveApiKey(args: RawGlobalArgs, env: NodeJS.ProcessEnv): ApiKey | undefined {
  if (args['api-key'] !== undefined && args['api-key'].trim() !== '') return new ApiKey(checkApiKeyText(args['api-key'].trim(), '--api-key'));
  const file = args['api-key-file'];
  if (file !== undefined) return new ApiKey(readApiKeyFile(file));
  const fromEnv = env.TELNYX_API_KEY?.trim();
  return fromEnv ? new ApiKey(checkApiKeyText(fromEnv, 'TELNYX_API_KEY')) : undefined;
}

export function requireApiKey(options: Pick<GlobalOptions, 'apiKey'>): ApiKey {
  if (options.apiKey === undefined) {
    throw new ConfigError('no Telnyx API key', 'Set TELNYX_API_KEY, or pass --api-key-file FILE.');
  }
  return options.apiKey;
}

function parseHeaderMap(pairs: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    if (at <= 0 || at === pair.length - 1) {
      throw new UsageError(`--map: expected "Their Header=column", got "${pair}"`);
    }
    map.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return map;
}

function parseFormats(value: string): Set<OutputFormat> {
  const formats = new Set<OutputFormat>();
  for (const part of value.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean)) {
    if (part !== 'csv' && part !== 'xlsx') throw new UsageError(`--format: expected csv, xlsx or csv,xlsx, got "${value}"`);
    formats.add(part);
  }
  if (formats.size === 0) throw new UsageError('--format: name at least one of csv, xlsx');
  return formats;
}

/** Default output directory: ./out/<command>-<UTC timestamp>. */
export function defaultOutDir(command: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return path.join('out', `${command}-${stamp}`);
}
