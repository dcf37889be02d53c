import { ApiRejectedError, describeDetails } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import { LIST_PAGE_SIZE } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';
import { sendOnce } from '../api/send-once.js';
import type { CampaignJournal } from '../campaign/campaign-journal.js';
import { forEachBounded } from '../core/bounded.js';
import type { TrackWireOrder } from '../track/tracked-order-view.js';
import { liveOnDemandJob, toJobView, type ActivationJobView, type WireActivationJob } from './activation-job.js';
import type { MoveStep } from './plan-activation.js';

/** What the activation calls read of an order beyond what tracking reads. */
export interface ActivationWireOrder extends TrackWireOrder {
  readonly phone_numbers?: ReadonlyArray<{ readonly phone_number?: string; readonly activation_status?: string | null }> | null;
}

export interface CampaignOrdersForActivation {
  readonly wires: Map<string, ActivationWireOrder>;
  /** Telnyx's time, from the `Date` header of the listing's first answer (undefined when absent). */
  readonly serverNow: Date | undefined;
  readonly listPages: number;
}

/**
 * The campaign's orders as the server has them now (`filter[customer_group_reference]`, 250 a page,
 * filtered again here), and Telnyx's own time: the FOC day is judged by Telnyx's clock (the `Date`
 * header every HTTP answer carries), not this machine's, which may be off or in another zone.
 */
export async function readOrdersForActivation(session: ApiSession, campaign: string): Promise<CampaignOrdersForActivation> {
  const wires = new Map<string, ActivationWireOrder>();
  let serverNow: Date | undefined;
  let listPages = 0;
  for (let pageNumber = 1; ; pageNumber += 1) {
    const { data: page, response } = await session.scheduler.call(
      'read',
      `porting orders of campaign ${campaign} (page ${pageNumber})`,
      () => session.client.portingOrders.list({ 'page[number]': pageNumber, 'page[size]': LIST_PAGE_SIZE, filter: { customer_group_reference: campaign } }).withResponse(),
      SHAPES.portingOrders,
    );
    listPages += 1;
    if (serverNow === undefined) {
      const dateMs = Date.parse(response.headers.get('date') ?? '');
      if (Number.isFinite(dateMs)) serverNow = new Date(dateMs);
    }
    const items = page.data as ActivationWireOrder[];
    for (const order of items) if (order.id && order.customer_group_reference === campaign) wires.set(order.id, order);
    const totalPages = (page as { meta?: { total_pages?: number | null } }).meta?.total_pages;
    if (items.length === 0 || (typeof totalPages === 'number' ? pageNumber >= totalPages : items.length < LIST_PAGE_SIZE)) break;
  }
  return { wires, serverNow, listPages };
}

/** One number's `activation_status`, as listed by `GET /porting_phone_numbers`. */
export interface NumberActivationStatus {
  readonly phoneNumber: string;
  readonly activationStatus: string;
}

/**
 * The numbers' `activation_status` of orders with more numbers than they embed (Telnyx embeds the first
 * 50): `GET /porting_phone_numbers` filtered by each order's status (its only declared filter), rows of
 * other orders dropped, paging stopped as soon as every wanted order has all its rows. Costs a page per
 * 250 numbers of that status, and nothing when every order embeds all its numbers.
 */
export async function readNumberStatuses(session: ApiSession, orders: ReadonlyArray<{ readonly id: string; readonly status: string; readonly count: number }>): Promise<Map<string, NumberActivationStatus[]>> {
  const byOrder = new Map<string, NumberActivationStatus[]>(orders.map((o) => [o.id, []]));
  const statuses = [...new Set(orders.map((o) => o.status))];
  for (const status of statuses) {
    const wanted = orders.filter((o) => o.status === status);
    const isComplete = (): boolean => wanted.every((o) => (byOrder.get(o.id)?.length ?? 0) >= o.count);
    for (let pageNumber = 1; !isComplete(); pageNumber += 1) {
      const page = await session.scheduler.call(
        'read',
        `porting phone numbers in status ${status} (page ${pageNumber})`,
        () =>
          session.client.portingPhoneNumbers.list({
            'page[number]': pageNumber,
            'page[size]': LIST_PAGE_SIZE,
            filter: { porting_order_status: status as 'foc-date-confirmed' },
          }),
        SHAPES.portingPhoneNumbers,
      );
      for (const row of page.data as Array<{ phone_number?: string; porting_order_id?: string; activation_status?: string | null }>) {
        const list = row.porting_order_id === undefined ? undefined : byOrder.get(row.porting_order_id);
        if (list === undefined || row.phone_number === undefined || list.some((n) => n.phoneNumber === row.phone_number)) continue;
        list.push({ phoneNumber: row.phone_number, activationStatus: row.activation_status ?? '' });
      }
      const totalPages = (page as { meta?: { total_pages?: number | null } }).meta?.total_pages;
      if (page.data.length === 0 || (typeof totalPages === 'number' ? pageNumber >= totalPages : page.data.length < LIST_PAGE_SIZE)) break;
    }
  }
  return byOrder;
}

/** Every activation job of an order (`GET …/activation_jobs`, a page of 250 at a time), oldest first as listed. */
export async function readActivationJobs(session: ApiSession, orderId: string): Promise<ActivationJobView[]> {
  const jobs = await session.scheduler.listAll(
    `activation jobs of porting order ${orderId}`,
    (pageNumber, pageSize) => session.client.portingOrders.activationJobs.list(orderId, { 'page[number]': pageNumber, 'page[size]': pageSize }),
    SHAPES.activationJobs,
  );
  return (jobs as WireActivationJob[]).map(toJobView);
}

/** One job (while watching). */
export async function readActivationJob(session: ApiSession, orderId: string, jobId: string): Promise<ActivationJobView> {
  const answer = await session.scheduler.call(
    'read',
    `activation job ${jobId} of porting order ${orderId}`,
    () => session.client.portingOrders.activationJobs.retrieve(jobId, { id: orderId }),
    SHAPES.activationJob,
  );
  return toJobView((answer.data ?? {}) as WireActivationJob);
}

export type ActivateOutcome =
  | { readonly kind: 'started'; readonly order: string; readonly job: ActivationJobView; readonly wasFound: boolean }
  | { readonly kind: 'refused'; readonly order: string; readonly message: string }
  | { readonly kind: 'unknown'; readonly order: string; readonly message: string };

/**
 * `actions/activate` for each order, journaled (intent before, outcome after), through the one
 * "look before re-sending" helper: after an answer that is not clear, the order's jobs are read and
 * an on-demand job that has not failed is the one that was asked for; only when there is none is
 * it sent again (once). `mayHaveBeenSent` orders (an earlier run's intent without an outcome) were
 * already looked at by the caller.
 */
export async function sendActivations(orders: readonly string[], session: ApiSession, journal: CampaignJournal, width: number): Promise<{ outcomes: ActivateOutcome[]; sentCount: number }> {
  const outcomes = new Map<string, ActivateOutcome>();
  let sentCount = 0;
  await forEachBounded(orders, width, async (order) => {
    const outcome = await sendOnce({
      mayHaveBeenSent: false,
      beforeSend: () => journal.record({ t: 'activate-intent', order, op: 'activate' }),
      send: () => session.scheduler.call('action', `activate porting order ${order}`, () => session.client.portingOrders.actions.activate(order), SHAPES.activationJob),
      lookForIt: async () => liveOnDemandJob(await readActivationJobs(session, order)),
    });
    sentCount += outcome.sentCount;
    if (outcome.kind === 'sent' || outcome.kind === 'found') {
      const job = outcome.kind === 'sent' ? toJobView((outcome.answer.data ?? {}) as WireActivationJob) : outcome.found;
      await journal.record({ t: 'activate-result', order, op: 'activate', outcome: 'done', job: job.id, jobStatus: job.status });
      outcomes.set(order, { kind: 'started', order, job, wasFound: outcome.kind === 'found' });
    } else if (outcome.kind === 'refused') {
      const message = describeDetails(outcome.error.errors);
      await journal.record({ t: 'activate-result', order, op: 'activate', outcome: 'rejected', message });
      outcomes.set(order, { kind: 'refused', order, message });
    } else {
      const message = `activation of porting order ${order} got no clear answer and no job shows it; run activate again (it looks before sending)`;
      await journal.record({ t: 'activate-result', order, op: 'activate', outcome: 'unknown', message });
      outcomes.set(order, { kind: 'unknown', order, message });
    }
  });
  return { outcomes: orders.flatMap((order) => outcomes.get(order) ?? []), sentCount };
}

export type MoveOutcome =
  | { readonly kind: 'moved'; readonly step: MoveStep & { kind: 'move' } }
  | { readonly kind: 'refused'; readonly step: MoveStep & { kind: 'move' }; readonly message: string };

/** `--at`: PATCH each waiting scheduled job's `activate_at` (idempotent: the same body may be sent again), journaled. */
export async function moveActivationJobs(steps: ReadonlyArray<MoveStep & { kind: 'move' }>, session: ApiSession, journal: CampaignJournal, width: number): Promise<MoveOutcome[]> {
  const outcomes = new Map<MoveStep, MoveOutcome>();
  await forEachBounded(steps, width, async (step) => {
    await journal.record({ t: 'activate-intent', order: step.order, op: 'move', job: step.job, activateAt: step.activateAt });
    try {
      const answer = await session.scheduler.call(
        'idempotent',
        `move activation job ${step.job} of porting order ${step.order}`,
        () => session.client.portingOrders.activationJobs.update(step.job, { id: step.order, activate_at: step.activateAt }),
        SHAPES.activationJob,
      );
      const job = toJobView((answer.data ?? {}) as WireActivationJob);
      await journal.record({ t: 'activate-result', order: step.order, op: 'move', outcome: 'done', job: job.id, jobStatus: job.status, activateAt: job.activateAt });
      outcomes.set(step, { kind: 'moved', step });
    } catch (error) {
      if (!(error instanceof ApiRejectedError)) throw error;
      const message = describeDetails(error.errors);
      await journal.record({ t: 'activate-result', order: step.order, op: 'move', outcome: 'rejected', job: step.job, message });
      outcomes.set(step, { kind: 'refused', step, message });
    }
  });
  return steps.flatMap((step) => outcomes.get(step) ?? []);
}
