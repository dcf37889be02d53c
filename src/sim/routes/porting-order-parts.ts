import { ok, paginate, SimApiError, type SimRequest } from '../http.js';
import { allowedFocWindows } from '../orders/foc-windows.js';
import type { OrderStore } from '../orders/order-store.js';
import { satisfyingDocument } from '../orders/order-render.js';
import { REQUIREMENT_TYPES } from '../orders/requirements.js';
import type { AdditionalDocumentRecord, CommentRecord, SimOrder } from '../orders/sim-order.js';
import type { Router } from '../router.js';
import type { SimContext } from '../state.js';
import { idOf } from './porting-orders.js';
import { loaConfigurationsOf } from './loa-configurations.js';
import { loaTemplatePdf } from './loa-template.js';

/** An order's sub-resources: requirements, comments, additional documents, FOC windows, LOA template. */
export function registerPortingOrderPartRoutes(router: Router, ctx: SimContext, orders: OrderStore): void {
  router.add('GET', '/porting_orders/:id/requirements', (request) => {
    const order = orders.get(idOf(request));
    const details = REQUIREMENT_TYPES.map((type) => {
      const documentId = satisfyingDocument(order, type.documentSlot, ctx.documents);
      const detail: Record<string, unknown> = {
        field_type: 'document',
        record_type: 'porting_requirement',
        requirement_status: documentId === undefined ? 'pending' : 'approved',
        requirement_type: {
          id: type.id,
          name: type.name,
          description: type.description,
          example: type.example,
          type: 'document',
          acceptance_criteria: { acceptable_values: [] },
        },
      };
      if (documentId !== undefined) detail.field_value = documentId;
      return detail;
    });
    return ok(paginate(details, request.query));
  });

  router.add('GET', '/porting_orders/:id/comments', (request) => {
    const order = orders.get(idOf(request));
    const comments = [...order.comments].sort((a, b) => a.createdAtMs - b.createdAtMs).map((c) => renderComment(order, c));
    return ok(paginate(comments, request.query));
  });
  router.add('POST', '/porting_orders/:id/comments', (request) => {
    const order = orders.get(idOf(request));
    return ok({ data: renderComment(order, orders.addComment(order.id, request.body)) }, 201);
  });

  router.add('GET', '/porting_orders/:id/additional_documents', (request) => {
    const order = orders.get(idOf(request));
    const types = request.query.getAll('filter[document_type]').concat(request.query.getAll('filter[document_type][]')).flatMap((v) => v.split(','));
    const sort = request.query.get('sort[value]') ?? '-created_at';
    if (sort !== 'created_at' && sort !== '-created_at') {
      throw new SimApiError(422, [{ code: '10015', title: 'Invalid parameter', detail: 'sort[value] must be created_at or -created_at', source: { parameter: 'sort[value]' } }]);
    }
    const documents = order.additionalDocuments
      .filter((d) => types.length === 0 || types.includes(d.documentType))
      .sort((a, b) => (sort === 'created_at' ? a.createdAtMs - b.createdAtMs : b.createdAtMs - a.createdAtMs))
      .map((d) => renderAdditionalDocument(order, d, ctx));
    return ok(paginate(documents, request.query));
  });
  router.add('POST', '/porting_orders/:id/additional_documents', (request) => {
    const order = orders.get(idOf(request));
    const added = orders.addAdditionalDocuments(order.id, request.body);
    return ok({ data: added.map((d) => renderAdditionalDocument(order, d, ctx)) }, 201);
  });

  router.add('GET', '/porting_orders/:id/allowed_foc_windows', (request) => {
    const order = orders.get(idOf(request));
    const windows = allowedFocWindows(ctx.clock.nowMs(), order.fastPortEligible).map((w) => ({
      record_type: 'porting_order',
      started_at: new Date(w.startMs).toISOString(),
      ended_at: new Date(w.endMs).toISOString(),
    }));
    return ok({ data: windows, meta: { page_number: 1, page_size: windows.length, total_pages: 1, total_results: windows.length } });
  });

  router.add('GET', '/porting_orders/:id/loa_template', (request: SimRequest) => {
    const order = orders.get(idOf(request));
    // The named configuration of this account (404 when it has none of that id), else its default (the oldest).
    const configurations = loaConfigurationsOf(ctx, request.apiKey);
    const wanted = request.query.get('loa_configuration_id');
    const configuration = wanted === null ? configurations[0] : configurations.find((c) => c.id === wanted);
    if (wanted !== null && configuration === undefined) throw SimApiError.notFound(`LOA configuration ${wanted}`);
    return { status: 200, raw: { bytes: loaTemplatePdf(order, configuration), contentType: 'application/pdf' } };
  });
}

function renderComment(order: SimOrder, comment: CommentRecord): Record<string, unknown> {
  return {
    id: comment.id,
    body: comment.body,
    porting_order_id: order.id,
    user_type: comment.userType,
    created_at: new Date(comment.createdAtMs).toISOString(),
    record_type: 'porting_comment',
  };
}

function renderAdditionalDocument(order: SimOrder, record: AdditionalDocumentRecord, ctx: SimContext): Record<string, unknown> {
  const document = ctx.documents.get(record.documentId);
  const at = new Date(record.createdAtMs).toISOString();
  const json: Record<string, unknown> = {
    id: record.id,
    document_id: record.documentId,
    document_type: record.documentType,
    porting_order_id: order.id,
    created_at: at,
    updated_at: at,
    record_type: 'porting_additional_document',
  };
  if (document) {
    json.filename = document.filename;
    json.content_type = document.content_type;
  }
  return json;
}
