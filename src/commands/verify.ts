import path from 'node:path';
import { resolveApiSettings } from '../api/api-session.js';
import { withCampaignRun } from '../campaign/campaign-run.js';
import { checkCampaignName } from '../campaign/campaign-paths.js';
import { defaultOutDir, type GlobalOptions } from '../config/global-options.js';
import { InputFileError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { makeOutDirectory } from '../output/make-out-directory.js';
import { writePeopleWorkbook } from '../output/people-sheet.js';
import { writeOutcomeTable } from '../track/write-outcome-table.js';
import { applyCodes } from '../verify/apply-codes.js';
import { checkVerificationRows } from '../verify/check-verification-rows.js';
import { initiateIdChecks } from '../verify/initiate-id-checks.js';
import { listCodes } from '../verify/ownership-api.js';
import { readOwnershipOrders } from '../verify/ownership-orders.js';
import { readVerificationSheet } from '../verify/read-verification-sheet.js';
import { sendCodes, type CodeMethod } from '../verify/send-codes.js';
import { VERIFICATION_FILE_NAME, verificationSheets } from '../verify/verification-sheet.js';
import { defineCommand, type CommandContext } from './command.js';
import { VERIFY_ACTIONS, verifySpec } from './specs/verify.js';

interface VerifyArgs {
  action: (typeof VERIFY_ACTIONS)[number];
  file?: string | undefined;
  campaign: string;
  method: CodeMethod;
}

const OUTCOME_COLUMNS = ['row', 'porting_order_id', 'phone_number', 'outcome', 'detail'] as const;

/**
 * `bulkport verify send|apply --campaign NAME`: AU ownership before confirming (issue 15). `send` sends a
 * code to every number not verified yet, starts the ID verifications, and writes verification.xlsx; `apply`
 * checks every row of the sheet (a problem anywhere: exit 2, nothing sent), then verifies the codes and
 * writes which were wrong. Both hold the campaign's lock and journal every call (src/verify/).
 */
export const verifyCommand = defineCommand<VerifyArgs>({
  ...verifySpec,
  async run(args, options, context) {
    const campaign = checkCampaignName(String(args.campaign));
    return args.action === 'send' ? runSend(campaign, args, options, context) : runApply(campaign, args, options, context);
  },
});

async function runSend(campaign: string, args: VerifyArgs, options: GlobalOptions, context: CommandContext): Promise<ExitCode> {
  const api = resolveApiSettings(options);
  const outDir = path.resolve(context.cwd, options.out ?? defaultOutDir('verify-send', context.now()));
  await makeOutDirectory(outDir);
  const method: CodeMethod = args.method === 'call' ? 'call' : 'sms';
  return withCampaignRun({ command: 'verify send', campaign, runOptions: { method }, stateDir: options.stateDir, api, requireJournal: true }, context, async ({ journal, session }) => {
    const orders = await readOwnershipOrders(session, journal, campaign);
    const sent = await sendCodes(orders, session, journal, method);
    const ids = await initiateIdChecks(orders, session, journal);
    const position = new Map(orders.flatMap((o, i) => o.numbers.map((n, j) => [`${o.id} ${n}`, i * 1_000_000 + j] as const)));
    const numbers = [...sent.numbers].sort((a, b) => (position.get(`${a.orderId} ${a.phoneNumber}`) ?? 0) - (position.get(`${b.orderId} ${b.phoneNumber}`) ?? 0));
    const entityOf = new Map(orders.map((o) => [o.id, o.entityName]));
    const file = path.join(outDir, VERIFICATION_FILE_NAME);
    const codeOrders = orders.filter((o) => o.needsCodes);
    if (codeOrders.length > 0 || ids.rows.length > 0) {
      await writePeopleWorkbook(file, verificationSheets(numbers, (id) => entityOf.get(id) ?? '', ids.rows, campaign));
    }
    const count = (state: string): number => numbers.filter((n) => n.state === state).length;
    const idProblems = ids.rows.filter((r) => r.problem !== undefined);
    const exitCode =
      sent.unresolvedCount + ids.unresolvedCount > 0 ? ExitCode.STOPPED : count('not_sent') > 0 || idProblems.length > 0 ? ExitCode.NEEDS_ATTENTION : ExitCode.OK;
    const lines: string[] = [];
    if (codeOrders.length === 0 && ids.rows.length === 0) {
      lines.push(`verify send ${campaign}: no draft order of the campaign needs ownership codes or an ID verification; nothing sent`);
    } else {
      lines.push(
        `verify send ${campaign}: ${codeOrders.length} order(s) need codes: ${numbers.length} number(s), ${count('verified')} verified, ` +
          `${count('sent')} code(s) sent by ${method} in ${sent.sendCount} call(s)${count('not_sent') > 0 ? `, ${count('not_sent')} not sent` : ''}`,
      );
      if (ids.rows.length > 0) {
        lines.push(`  ${ids.rows.length} ID verification(s) (${ids.initiateCount} started now): send each action_url in [ID verification] to the person named there`);
      }
      for (const row of ids.rows) {
        if (row.problem !== undefined) lines.push(`  order ${row.orderId}: ${row.problem}`);
        else if (row.namesFrom.startsWith('split')) lines.push(`  order ${row.orderId}: names ${row.namesFrom}`);
      }
      for (const n of numbers) if (n.state === 'not_sent') lines.push(`  ${n.phoneNumber} (order ${n.orderId}): ${n.detail}`);
      lines.push(`  wrote ${file}`);
      if (count('verified') < numbers.length) lines.push(`  next: type each code in the code column, then: bulkport verify apply --campaign ${campaign} ${file}`);
      else if (numbers.length > 0) lines.push(`  every number is verified: bulkport submit <sheet> --campaign ${campaign} --confirm`);
    }
    report(context, options, lines, {
      command: 'verify send',
      campaign,
      orders: codeOrders.length,
      numbers: numbers.length,
      verified: count('verified'),
      sent: count('sent'),
      notSent: count('not_sent'),
      sendCalls: sent.sendCount,
      idVerifications: ids.rows.map((r) => ({ porting_order_id: r.orderId, status: r.status, action_url: r.actionUrl, names_from: r.problem ?? r.namesFrom })),
      file: codeOrders.length > 0 || ids.rows.length > 0 ? file : null,
      exitCode,
    });
    return { exitCode, changedCount: sent.sendCount + ids.initiateCount };
  });
}

async function runApply(campaign: string, args: VerifyArgs, options: GlobalOptions, context: CommandContext): Promise<ExitCode> {
  if (args.file === undefined || args.file.trim() === '') {
    throw new UsageError('verify apply: expected the verification sheet with the codes, e.g. `bulkport verify apply --campaign NAME verification.xlsx`');
  }
  const api = resolveApiSettings(options);
  const sheet = await readVerificationSheet(path.resolve(context.cwd, args.file), args.file);
  const outDir = path.resolve(context.cwd, options.out ?? defaultOutDir('verify-apply', context.now()));
  return withCampaignRun({ command: 'verify apply', campaign, runOptions: { sheet: args.file }, stateDir: options.stateDir, api, requireJournal: true }, context, async ({ journal, session }) => {
    const orders = (await readOwnershipOrders(session, journal, campaign)).filter((o) => o.needsCodes);
    const awaiting = new Map(orders.map((o) => [o.id, o.numbers]));
    const checked = checkVerificationRows(sheet.rows, awaiting, (column) => sheet.columnHeaders.get(column) ?? column, campaign);
    if (checked.issues.length > 0) {
      for (const issue of checked.issues) context.stderr.write(`${issue.message} [${issue.code}]\n`);
      if (options.json) {
        context.stdout.write(`${JSON.stringify({ command: 'verify apply', sent: 0, problems: checked.issues.map((i) => ({ ...i.ref, column: i.column, code: i.code, message: i.message })) }, null, 2)}\n`);
      }
      const stoppedBy = new InputFileError(
        `${args.file}: ${checked.issues.length} problem(s) in the verification sheet (listed above); nothing was sent`,
        'Fix those cells (type codes and numbers as text) and run verify apply again: no code is sent until every row is valid.',
      );
      return { exitCode: ExitCode.USAGE, changedCount: 0, stoppedBy };
    }
    const applied = await applyCodes(checked.codes, session, journal);
    await makeOutDirectory(outDir);
    const rows = [
      ...applied.outcomes.map((o) => ({ ref: o.item.ref, orderId: o.item.orderId, phoneNumber: o.item.phoneNumber, outcome: o.outcome as string, detail: o.detail })),
      ...checked.withoutCode.map((r) => ({ ref: r.ref, orderId: r.orderId, phoneNumber: r.phoneNumber, outcome: 'no_code', detail: 'no code in the row: left for later' })),
    ].sort((a, b) => a.ref.row - b.ref.row);
    const files = await writeOutcomeTable(outDir, 'verification-outcomes', options.formats, OUTCOME_COLUMNS, rows.map((r) => [r.ref.row, r.orderId, r.phoneNumber, r.outcome, r.detail]));
    let unverified = 0;
    for (const order of orders) {
      const codes = await listCodes(session, order.id);
      unverified += order.numbers.filter((n) => codes.get(n)?.isVerified !== true).length;
    }
    const count = (outcome: string): number => rows.filter((r) => r.outcome === outcome).length;
    const needsPerson = count('wrong_code') + count('failed') + count('no_code_sent') > 0;
    const exitCode = applied.unresolvedCount > 0 ? ExitCode.STOPPED : needsPerson ? ExitCode.NEEDS_ATTENTION : ExitCode.OK;
    const lines = [
      `verify apply ${campaign}: ${rows.length} row(s): ${count('verified')} verified, ${count('wrong_code')} wrong code(s), ${count('already_verified')} already verified, ` +
        `${count('no_code')} without a code${count('no_code_sent') > 0 ? `, ${count('no_code_sent')} never sent a code` : ''}${count('failed') > 0 ? `, ${count('failed')} failed` : ''}; ${applied.verifyCount} verify call(s)`,
      ...rows.filter((r) => r.outcome === 'wrong_code' || r.outcome === 'failed' || r.outcome === 'no_code_sent').map((r) => `  row ${r.ref.row} ${r.phoneNumber}: ${r.detail}`),
      ...files.map((f) => `  wrote ${f}`),
      unverified === 0
        ? `  every number is verified: bulkport submit <sheet> --campaign ${campaign} --confirm confirms the orders`
        : `  ${unverified} number(s) still unverified: bulkport verify send --campaign ${campaign} sends them a new code`,
    ];
    report(context, options, lines, {
      command: 'verify apply',
      campaign,
      rows: rows.length,
      verified: count('verified'),
      wrongCodes: rows.filter((r) => r.outcome === 'wrong_code').map((r) => ({ row: r.ref.row, phone_number: r.phoneNumber })),
      alreadyVerified: count('already_verified'),
      withoutCode: count('no_code'),
      verifyCalls: applied.verifyCount,
      stillUnverified: unverified,
      outputs: files,
      exitCode,
    });
    return { exitCode, changedCount: applied.verifyCount };
  });
}

function report(context: CommandContext, options: GlobalOptions, lines: readonly string[], json: Record<string, unknown>): void {
  if (options.json) {
    context.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  for (const line of lines) context.stdout.write(`${line}\n`);
}
