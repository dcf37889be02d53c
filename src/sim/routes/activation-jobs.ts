import { ok, paginate, SimApiError } from '../http.js';
import { renderActivationJob } from '../orders/activation-jobs.js';
import type { OrderStore } from '../orders/order-store.js';
import type { Router } from '../router.js';
import { idOf } from './porting-orders.js';

/** On-demand activation and activation jobs (US FastPort orders; see orders/activation-jobs.ts). */
export function registerActivationRoutes(router: Router, orders: OrderStore): void {
  router.add('POST', '/porting_orders/:id/actions/activate', (request) => ok({ data: renderActivationJob(orders.activate(idOf(request))) }, 202));
  router.add('GET', '/porting_orders/:id/activation_jobs', (request) => ok(paginate(orders.activationJobs(idOf(request)).map(renderActivationJob), request.query)));
  router.add('GET', '/porting_orders/:id/activation_jobs/:jobId', (request) => {
    const job = orders.activationJobs(idOf(request)).find((j) => j.id === request.params.jobId);
    if (!job) throw SimApiError.notFound(`activation job ${request.params.jobId ?? ''}`);
    return ok({ data: renderActivationJob(job) });
  });
  router.add('PATCH', '/porting_orders/:id/activation_jobs/:jobId', (request) =>
    ok({ data: renderActivationJob(orders.moveActivationJob(idOf(request), request.params.jobId ?? '', request.body)) }),
  );
}
