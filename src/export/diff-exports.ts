/** Each export row reduced to what `--diff` compares: its id and its status. */
export type ExportIndex = ReadonlyMap<string, string>;

export type ChangeKind = 'new' | 'status_changed' | 'removed';

export interface ExportChange {
  readonly change: ChangeKind;
  readonly id: string;
  /** Empty for `new`. */
  readonly oldStatus: string;
  /** Empty for `removed`. */
  readonly newStatus: string;
}

export interface ExportDiff {
  readonly changes: readonly ExportChange[];
  readonly counts: Readonly<Record<ChangeKind, number>>;
}

/**
 * What changed between two exports of one kind, keyed by id. New and status-changed rows come in
 * the current export's order, removed rows after them in the previous export's order, so the
 * changes file reads like the export it describes. Pure.
 */
export function diffExports(previous: ExportIndex, current: ExportIndex): ExportDiff {
  const changes: ExportChange[] = [];
  const counts = { new: 0, status_changed: 0, removed: 0 };
  for (const [id, newStatus] of current) {
    const oldStatus = previous.get(id);
    if (oldStatus === undefined) {
      changes.push({ change: 'new', id, oldStatus: '', newStatus });
      counts.new += 1;
    } else if (oldStatus !== newStatus) {
      changes.push({ change: 'status_changed', id, oldStatus, newStatus });
      counts.status_changed += 1;
    }
  }
  for (const [id, oldStatus] of previous) {
    if (!current.has(id)) {
      changes.push({ change: 'removed', id, oldStatus, newStatus: '' });
      counts.removed += 1;
    }
  }
  return { changes, counts };
}

/** `3 new, 2 status changed, 1 removed`. */
export function describeDiffCounts(counts: ExportDiff['counts']): string {
  return `${counts.new} new, ${counts.status_changed} status changed, ${counts.removed} removed`;
}
