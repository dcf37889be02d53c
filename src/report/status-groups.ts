import { ROW_STATUSES, type RowStatus } from '../core/row-status.js';

/** The outcome groups of the report's headline, in the order the bar stacks them. */
export const STATUS_GROUPS = ['done', 'on_track', 'needs_person', 'not_sent', 'associated', 'cancelled'] as const;

export type StatusGroup = (typeof STATUS_GROUPS)[number];

/** What the page calls each group. */
export const STATUS_GROUP_LABELS: Readonly<Record<StatusGroup, string>> = {
  done: 'Done',
  on_track: 'On track',
  needs_person: 'Needs a person',
  not_sent: 'Not yet sent',
  associated: 'Associated',
  cancelled: 'Cancelled',
};

/**
 * Every row status of docs/design.md §5 and §9 → its headline group (issue 17). A `Record` over
 * `RowStatus`, so a new status does not compile until it is given a group here (and so in the page's
 * legend table and docs/report.md).
 */
export const STATUS_GROUP_OF: Readonly<Record<RowStatus, StatusGroup>> = {
  ported: 'done',
  foc_confirmed: 'on_track',
  submitted: 'on_track',
  exception: 'needs_person',
  blocked: 'needs_person',
  failed: 'needs_person',
  not_portable: 'needs_person',
  invalid: 'needs_person',
  duplicate: 'needs_person',
  planned: 'not_sent',
  draft: 'not_sent',
  valid: 'not_sent',
  portable: 'not_sent',
  associated: 'associated',
  cancelled: 'cancelled',
};

/** The statuses of each group, in pipeline order (the legend table of the page). */
export function statusesByGroup(): ReadonlyMap<StatusGroup, readonly RowStatus[]> {
  const groups = new Map<StatusGroup, RowStatus[]>(STATUS_GROUPS.map((group) => [group, []]));
  for (const status of ROW_STATUSES) groups.get(STATUS_GROUP_OF[status])!.push(status);
  return groups;
}

/**
 * The groups that hold at least one status, in stacking order: what the bar, the charts and the
 * tables show (a group is listed here once a status of row-status.ts maps to it).
 */
export const SHOWN_GROUPS: readonly StatusGroup[] = STATUS_GROUPS.filter((group) => Object.values(STATUS_GROUP_OF).includes(group));

/** A row's group; a status word this build does not know (a newer journal) counts as needing a person. */
export function groupOfStatus(status: string): StatusGroup {
  return (STATUS_GROUP_OF as Readonly<Record<string, StatusGroup>>)[status] ?? 'needs_person';
}
