import { fitFocToWindows, type FittedFoc, type FocWindow } from '../order-rules/fit-foc-window.js';
import type { ApiSession } from './api-session.js';
import { SHAPES } from './response-shapes.js';

/**
 * A requested FOC fitted into one order's allowed FOC windows (`GET /porting_orders/{id}/allowed_foc_windows`,
 * through the scheduler): what `submit` and `fix` send as `activation_settings.foc_datetime_requested`.
 */
export async function fitOrderFoc(session: ApiSession, orderId: string, requested: string, now: Date): Promise<FittedFoc> {
  const windows = await session.scheduler.call('read', `allowed FOC windows of porting order ${orderId}`, () =>
    session.client.portingOrders.retrieveAllowedFocWindows(orderId),
    SHAPES.focWindows,
  );
  return fitFocToWindows(requested, (windows.data ?? []) as readonly FocWindow[], now);
}
