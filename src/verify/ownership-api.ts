import type { ApiSession } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';

/** One number's verification code as the server shows it (the code itself is never shown). */
export interface CodeState {
  readonly id: string;
  readonly isVerified: boolean;
  readonly updatedAt: string;
}

/** `GET /porting_orders/{id}/verification_codes`: the latest code per number (newest wins when a number repeats). */
export async function listCodes(session: ApiSession, orderId: string): Promise<Map<string, CodeState>> {
  const codes = await session.scheduler.listAll(`verification codes of porting order ${orderId}`, (pageNumber, pageSize) =>
    session.client.portingOrders.verificationCodes.list(orderId, { 'page[number]': pageNumber, 'page[size]': pageSize, sort: { value: 'created_at' } }),
    SHAPES.verificationCodes,
  );
  const byNumber = new Map<string, CodeState>();
  for (const code of codes) {
    if (typeof code.phone_number !== 'string') continue;
    const known = byNumber.get(code.phone_number);
    const state: CodeState = { id: code.id ?? '', isVerified: code.verified === true || known?.isVerified === true, updatedAt: code.updated_at ?? '' };
    byNumber.set(code.phone_number, state);
  }
  return byNumber;
}

/** An action requirement as the tool reads it. */
export interface ActionRequirementState {
  readonly id: string;
  readonly actionType: string;
  readonly status: string;
  readonly actionUrl: string;
}

/** `GET /porting_orders/{id}/action_requirements`. */
export async function listActionRequirements(session: ApiSession, orderId: string): Promise<ActionRequirementState[]> {
  const requirements = await session.scheduler.listAll(`action requirements of porting order ${orderId}`, (pageNumber, pageSize) =>
    session.client.portingOrders.actionRequirements.list(orderId, { 'page[number]': pageNumber, 'page[size]': pageSize }),
    SHAPES.actionRequirements,
  );
  return requirements.map((r) => ({ id: r.id ?? '', actionType: r.action_type ?? '', status: r.status ?? '', actionUrl: r.action_url ?? '' }));
}
