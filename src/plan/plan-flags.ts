import type { Argv } from 'yargs';
import { checkCampaignName } from '../campaign/campaign-paths.js';
import { UsageError } from '../core/errors.js';
import type { CampaignPlanOptions } from './prepare-plan.js';
import { resolveJoinColumn } from './join-column.js';
import type { AccountsOption } from './read-accounts.js';

/**
 * Telnyx documents no maximum of numbers per porting order. 50 is chosen because every order
 * response (create, retrieve, list) embeds only its first 50 numbers: with parts of at most 50, the
 * create answer and the resume listing say exactly which number landed in which of the orders Telnyx
 * split a part into, with no per-number reads. It also bounds the blast radius of an exception (one
 * wrong PIN stalls 50 numbers, not 5,000) at the cost of more orders (10,000 numbers → 200 orders).
 */
const DEFAULT_MAX_PER_ORDER = 50;

/**
 * Default numbers per portability check request (the same trade-off as `check --check-batch`:
 * the rate limit counts requests, 100 keeps one failed batch cheap).
 */
const DEFAULT_CHECK_BATCH = 100;

export interface RawPlanArgs {
  input: string;
  campaign: string;
  'max-per-order': number;
  'connection-id'?: string | undefined;
  'messaging-profile-id'?: string | undefined;
  'check-batch': number;
  'lookup-carriers': boolean;
  'documents-dir'?: string | undefined;
  'webhook-url'?: string | undefined;
  accounts?: string | undefined;
  join?: string | undefined;
}

/** The flags `plan` and `submit` share, declared once so the two can never build different plans. */
export function withPlanFlags<T>(yargs: Argv<T>): Argv<T & RawPlanArgs> {
  return yargs
    .positional('input', { type: 'string', describe: 'CSV or XLSX file (LOA/invoice paths in it are relative to it)', demandOption: true })
    .option('campaign', { type: 'string', demandOption: true, describe: 'Campaign name: the journal folder under --state-dir and every order\'s customer_group_reference' })
    .option('max-per-order', {
      type: 'number',
      default: DEFAULT_MAX_PER_ORDER,
      describe:
        'Most numbers per porting order. Telnyx documents no maximum; 50 because an order shows only its first 50 numbers, ' +
        'so every number of a split order stays traceable, and one exception stalls at most 50 numbers',
    })
    .option('connection-id', { type: 'string', describe: 'Connection the ported numbers are assigned to, where the connection_id column is blank' })
    .option('messaging-profile-id', { type: 'string', describe: 'Messaging profile for the ported numbers, where the messaging_profile_id column is blank' })
    .option('check-batch', { type: 'number', default: DEFAULT_CHECK_BATCH, describe: 'Numbers per portability check request (halved automatically if Telnyx refuses the size)' })
    .option('documents-dir', {
      type: 'string',
      describe: "A folder LOA and invoice files may also come from (besides the input file's folder); files outside both are never read",
    })
    .option('webhook-url', {
      type: 'string',
      describe: "Set each order's webhook_url: Telnyx then posts the order's events there (see `bulkport listen`)",
    })
    .option('accounts', {
      type: 'string',
      describe: "Account details once per account: a CSV/XLSX file, or a sheet of the input workbook; fills each number row's blank end user, address, PIN, documents, FOC and port type from its account's row",
    })
    .option('join', { type: 'string', describe: 'With --accounts: the column both sheets share (default account_number)' })
    .option('lookup-carriers', {
      type: 'boolean',
      default: false,
      describe: 'Look up the losing carrier of numbers whose carrier cell is blank, to group by it (one billable number lookup per number)',
    }) as unknown as Argv<T & RawPlanArgs>;
}

export function resolvePlanFlags(args: RawPlanArgs): CampaignPlanOptions {
  const maxPerOrder = args['max-per-order'];
  if (!Number.isInteger(maxPerOrder) || maxPerOrder < 1 || maxPerOrder > 10_000) {
    throw new UsageError(`--max-per-order: expected a whole number from 1 to 10000, got ${describeCount(maxPerOrder)}`);
  }
  const checkBatch = args['check-batch'];
  if (!Number.isInteger(checkBatch) || checkBatch < 1 || checkBatch > 10_000) {
    throw new UsageError(`--check-batch: expected a whole number from 1 to 10000, got ${describeCount(checkBatch)}`);
  }
  const blankToUndefined = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());
  return {
    inputPath: args.input,
    campaign: checkCampaignName(String(args.campaign)),
    maxPerOrder,
    connectionId: blankToUndefined(args['connection-id']),
    messagingProfileId: blankToUndefined(args['messaging-profile-id']),
    checkBatch,
    isCarrierLookup: args['lookup-carriers'],
    documentsDir: blankToUndefined(args['documents-dir']),
    webhookUrl: checkWebhookUrl(blankToUndefined(args['webhook-url'])),
    ...accountsOption(blankToUndefined(args.accounts), blankToUndefined(args.join)),
  };
}

/**
 * `--webhook-url`: an absolute http(s) URL (Telnyx posts to it; the simulator and a local `listen`
 * take http), without user and password (the URL is stored on every order and shown in the portal).
 */
function checkWebhookUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new UsageError(`--webhook-url: expected an http(s) URL such as https://hooks.example.com/telnyx, got "${text}"`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageError('--webhook-url: expected a URL without a user name or password (it is stored on every order and shown in the Telnyx portal)');
  }
  return url.href;
}

/** yargs turns `--max-per-order abc` into NaN; say so rather than print "NaN". */
function describeCount(value: number): string {
  return Number.isNaN(value) ? 'something that is not a number' : String(value);
}

function accountsOption(spec: string | undefined, join: string | undefined): { accounts?: AccountsOption } {
  if (spec === undefined) {
    if (join !== undefined) throw new UsageError('--join: names the column that links the input to --accounts, which is not given', 'Add --accounts FILE (or SHEET), or leave --join out.');
    return {};
  }
  return { accounts: { spec, join: resolveJoinColumn(join) } };
}
