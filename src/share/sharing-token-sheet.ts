import type { PeopleColumn, PeopleRow } from '../output/people-sheet.js';
import type { IssuedToken } from './issue-sharing-tokens.js';

export const SHARING_TOKEN_FILE = 'sharing-tokens.xlsx';

export const SHARING_TOKEN_COLUMNS: readonly PeopleColumn[] = [
  { header: 'porting_order_id', isIdentifier: true, width: 38 },
  { header: 'order_key', isIdentifier: true, width: 20 },
  { header: 'end_user', width: 30 },
  { header: 'permission', width: 30 },
  { header: 'expires_at', width: 24 },
  { header: 'token_id', isIdentifier: true, width: 38 },
  { header: 'token', isIdentifier: true, width: 60 },
];

/** One row per token issued, by end user: what to send each end customer, and until when it works. */
export function sharingTokenRows(tokens: readonly IssuedToken[], permission: string): PeopleRow[] {
  return [...tokens]
    .sort((a, b) => a.order.entityName.localeCompare(b.order.entityName) || a.order.orderKey.localeCompare(b.order.orderKey))
    .map((t) => ({ cells: [t.order.id, t.order.orderKey, t.order.entityName, permission, t.expiresAt, t.tokenId, t.token] }));
}
