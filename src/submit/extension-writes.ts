import { SHAPES } from '../api/response-shapes.js';
import type { PlannedExtension } from '../plan/plan-types.js';
import { SubResourceNotSendable, type SubResourceContext, type SubResourceSource, type SubResourceWrite } from './sub-resources.js';

/**
 * Extension ranges behind German numbers (`extension_range` column, issue 15): one
 * `POST /porting_orders/{id}/phone_number_extensions` per range, for the porting phone number it sits
 * behind, once the number's order exists. Numbers of another order of the part (a split) get theirs there.
 */
export const extensionWrites: SubResourceSource = (target) => {
  const numbers = new Set(target.numbers);
  return (target.part.extensions ?? []).filter((extension) => numbers.has(extension.e164)).map(extensionWrite);
};

/** The write key of an extension range: its content, readable in the journal. */
function extensionKey(extension: PlannedExtension): string {
  const activation = extension.activationRanges.map((r) => `${r.start}-${r.end}`).join(',');
  return `extensions ${extension.e164} ${extension.start}-${extension.end} active ${activation}`;
}

function extensionWrite(extension: PlannedExtension): SubResourceWrite {
  const label = `extensions ${extension.start}-${extension.end} behind ${extension.e164}`;
  const portingNumberId = async (context: SubResourceContext): Promise<string> => {
    const id = (await context.portingNumberIds([extension.e164])).get(extension.e164);
    if (id === undefined) throw new SubResourceNotSendable(`Telnyx does not show the porting phone number id of ${extension.e164} on the order`);
    return id;
  };
  return {
    kind: 'extension',
    key: extensionKey(extension),
    label,
    numbers: [extension.e164],
    column: 'extension_range',
    prepare: async (context) => {
      const id = await portingNumberId(context);
      const body = {
        porting_phone_number_id: id,
        extension_range: { start_at: extension.start, end_at: extension.end },
        activation_ranges: extension.activationRanges.map((range) => ({ start_at: range.start, end_at: range.end })),
      };
      return async () => {
        const answer = await context.session.scheduler.call('create', `add ${label} to porting order ${context.orderId}`, () =>
          context.session.client.portingOrders.phoneNumberExtensions.create(context.orderId, body),
          SHAPES.extension,
        );
        return answer.data?.id === undefined ? [] : [answer.data.id];
      };
    },
    isOnServer: async (context) => {
      let id: string;
      try {
        id = await portingNumberId(context);
      } catch (error) {
        if (error instanceof SubResourceNotSendable) return false;
        throw error;
      }
      const listed = await context.session.scheduler.listAll(`extensions of porting order ${context.orderId}`, (pageNumber, pageSize) =>
        context.session.client.portingOrders.phoneNumberExtensions.list(context.orderId, { 'page[number]': pageNumber, 'page[size]': pageSize, filter: { porting_phone_number_id: id } }),
        SHAPES.extensions,
      );
      // Compared here too: the tool does not rely on the server honouring the filter.
      return listed.some((e) => e.porting_phone_number_id === id && e.extension_range?.start_at === extension.start && e.extension_range.end_at === extension.end);
    },
  };
}
