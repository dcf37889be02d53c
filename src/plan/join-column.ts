import { UsageError } from '../core/errors.js';
import { CANONICAL_COLUMN_NAMES, type CanonicalColumn } from '../input/columns.js';
import { columnOfHeader } from '../input/map-headers.js';

/**
 * `--join COLUMN`: a canonical column name or one of its aliases (default account_number). Kept apart
 * from the accounts reader: `plan --help` loads the flags, and must not load the sheet readers.
 */
export function resolveJoinColumn(text: string | undefined): CanonicalColumn {
  if (text === undefined || text.trim() === '') return 'account_number';
  const column = (CANONICAL_COLUMN_NAMES as readonly string[]).includes(text.trim()) ? (text.trim() as CanonicalColumn) : columnOfHeader(text);
  if (column === undefined) throw new UsageError(`--join "${text}": expected a column name such as account_number or billing_phone_number, got an unknown column`);
  return column;
}
