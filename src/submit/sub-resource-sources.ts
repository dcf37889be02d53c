import { createHash } from 'node:crypto';
import { SHAPES } from '../api/response-shapes.js';
import { associatedWriteKey, chooseAssociatedOrder } from '../order-rules/partial-port.js';
import { normalizeIdentifier } from '../plan/normalize-field.js';
import type { PlannedAssociatedNumber } from '../plan/plan-types.js';
import { extensionWrites } from './extension-writes.js';
import { SubResourceNotSendable, type SubResourceContext, type SubResourceSource, type SubResourceTarget, type SubResourceWrite } from './sub-resources.js';

/** The spec's `maxItems` for `POST /porting_orders/phone_number_configurations`. */
const MAX_CONFIGURATIONS_PER_CALL = 20;

/**
 * GB partial ports: the account's numbers that stay behind (`action` keep/disconnect rows), one
 * `POST …/associated_phone_numbers` per number or range, all on one order of the account
 * (`chooseAssociatedOrder`: the first GB order by part key whose `additional_steps` ask for them, else
 * the first GB order).
 */
const associatedNumberWrites: SubResourceSource = (target) => {
  const entries = target.plan.associatedNumbers ?? [];
  if (entries.length === 0 || target.part.country !== 'GB') return [];
  const account = normalizeIdentifier(target.part.endUser.admin.account_number);
  const mine = entries.filter((entry) => entry.account === account);
  if (mine.length === 0) return [];
  const candidates = target.all.filter((t) => t.part.country === 'GB' && normalizeIdentifier(t.part.endUser.admin.account_number) === account);
  const chosen = chooseAssociatedOrder(candidates.map((t) => ({ orderId: t.orderId, partKey: t.part.key, additionalSteps: t.listed?.additionalSteps ?? [] })));
  if (chosen !== target.orderId) return [];
  return mine.map((entry) => associatedNumberWrite(entry));
};

function associatedNumberWrite(entry: PlannedAssociatedNumber): SubResourceWrite {
  const range = entry.endAt === entry.startAt ? entry.startAt : `${entry.startAt} to ${entry.endAt}`;
  const label = `associated number ${range} (${entry.action})`;
  return {
    kind: 'associated_number',
    key: associatedWriteKey(entry),
    label,
    numbers: [entry.startAt],
    column: 'action',
    prepare: (context) =>
      Promise.resolve(async () => {
        const answer = await context.session.scheduler.call('create', `add ${label} to porting order ${context.orderId}`, () =>
          context.session.client.portingOrders.associatedPhoneNumbers.create(context.orderId, { action: entry.action, phone_number_range: { start_at: entry.startAt, end_at: entry.endAt } }),
          SHAPES.associatedNumber,
        );
        return answer.data?.id === undefined ? [] : [answer.data.id];
      }),
    isOnServer: async (context) => {
      const listed = await context.session.scheduler.listAll(`associated numbers of porting order ${context.orderId}`, (pageNumber, pageSize) =>
        context.session.client.portingOrders.associatedPhoneNumbers.list(context.orderId, { 'page[number]': pageNumber, 'page[size]': pageSize, filter: { phone_number: entry.startAt, action: entry.action } }),
        SHAPES.associatedNumbers,
      );
      // Compared here too: the tool does not rely on the server honouring a filter.
      return listed.some((a) => a.action === entry.action && a.phone_number_range?.start_at === entry.startAt && a.phone_number_range.end_at === entry.endAt);
    },
  };
}

/**
 * Regulatory bundles (`user_bundle_id`): the order's numbers that name one, in batches of at most 20
 * (the spec's limit), sorted by number so a re-run builds the same batches.
 */
const bundleWrites: SubResourceSource = (target: SubResourceTarget) => {
  const numbers = new Set(target.numbers);
  const mine = (target.plan.bundles ?? []).filter((b) => numbers.has(b.e164)).sort((a, b) => (a.e164 < b.e164 ? -1 : a.e164 > b.e164 ? 1 : 0));
  const writes: SubResourceWrite[] = [];
  for (let start = 0; start < mine.length; start += MAX_CONFIGURATIONS_PER_CALL) {
    const batch = mine.slice(start, start + MAX_CONFIGURATIONS_PER_CALL);
    const hash = createHash('sha256').update(batch.map((b) => `${b.e164}=${b.userBundleId}`).join(',')).digest('hex').slice(0, 16);
    const first = batch[0]?.e164 ?? '';
    const last = batch[batch.length - 1]?.e164 ?? '';
    const label = `regulatory bundle${batch.length === 1 ? '' : 's'} of ${batch.length === 1 ? first : `${batch.length} numbers (${first} to ${last})`}`;
    const idsOf = async (context: SubResourceContext): Promise<Map<string, string>> => {
      const ids = await context.portingNumberIds(batch.map((b) => b.e164));
      const missing = batch.filter((b) => !ids.has(b.e164)).map((b) => b.e164);
      if (missing.length > 0) throw new SubResourceNotSendable(`Telnyx does not show the porting phone number id of ${missing.join(', ')} on the order`);
      return ids;
    };
    writes.push({
      kind: 'number_configuration',
      key: `bundles ${hash}`,
      label,
      numbers: batch.map((b) => b.e164),
      column: 'user_bundle_id',
      prepare: async (context) => {
        const ids = await idsOf(context);
        const items = batch.map((b) => ({ porting_phone_number_id: ids.get(b.e164) as string, user_bundle_id: b.userBundleId }));
        return async () => {
          const answer = await context.session.scheduler.call('create', `add ${label} (porting order ${context.orderId})`, () =>
            context.session.client.portingOrders.phoneNumberConfigurations.create({ phone_number_configurations: items }),
            SHAPES.numberConfigurationsCreated,
          );
          return (answer.data ?? []).flatMap((c) => (c.id === undefined ? [] : [c.id]));
        };
      },
      isOnServer: async (context) => {
        let ids: Map<string, string>;
        try {
          ids = await idsOf(context);
        } catch (error) {
          if (error instanceof SubResourceNotSendable) return false;
          throw error;
        }
        const wanted = new Map(batch.map((b) => [ids.get(b.e164) as string, b.userBundleId]));
        const listed = await context.session.scheduler.listAll(`phone number configurations of porting order ${context.orderId}`, (pageNumber, pageSize) =>
          context.session.client.portingOrders.phoneNumberConfigurations.list({ 'page[number]': pageNumber, 'page[size]': pageSize, filter: { porting_phone_number: [...wanted.keys()] } }),
          SHAPES.numberConfigurations,
        );
        const found = new Set(listed.filter((c) => c.porting_phone_number_id !== undefined && wanted.get(c.porting_phone_number_id) === c.user_bundle_id).map((c) => c.porting_phone_number_id));
        return [...wanted.keys()].every((id) => found.has(id));
      },
    });
  }
  return writes;
};

/**
 * Every kind of sub-resource submit adds once an order exists, in the order they are sent. A new kind
 * (h15ranges: extensions) adds its source here.
 */
export const SUB_RESOURCE_SOURCES: readonly SubResourceSource[] = [associatedNumberWrites, bundleWrites, extensionWrites];
