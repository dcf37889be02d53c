/**
 * Activation jobs as the tool reads them (`PortingOrdersActivationJob`; every field is optional in
 * the spec, the answer's shape check requires the ones read here), and the rules about them: which
 * job is the latest, which statuses are final, and whether a time falls in a job's windows.
 */
export interface WireActivationJob {
  readonly id?: string;
  readonly activation_type?: string | null;
  readonly status?: string | null;
  readonly activate_at?: string | null;
  readonly activation_windows?: ReadonlyArray<{ readonly start_at?: string | null; readonly end_at?: string | null }> | null;
  readonly created_at?: string | null;
}

export interface ActivationWindowView {
  readonly startAt: string;
  readonly endAt: string;
}

export interface ActivationJobView {
  readonly id: string;
  /** `scheduled` or `on-demand`. */
  readonly type: string;
  /** `created`, `in-process`, `completed` or `failed`. */
  readonly status: string;
  readonly activateAt: string;
  readonly windows: readonly ActivationWindowView[];
  readonly createdAt: string;
}

/** Job statuses after which nothing more happens to the job. */
export const FINAL_JOB_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed']);

export function toJobView(job: WireActivationJob): ActivationJobView {
  return {
    id: job.id ?? '',
    type: job.activation_type ?? '',
    status: job.status ?? '',
    activateAt: job.activate_at ?? '',
    windows: (job.activation_windows ?? []).flatMap((w) => (w.start_at && w.end_at ? [{ startAt: w.start_at, endAt: w.end_at }] : [])),
    createdAt: job.created_at ?? '',
  };
}

/** The order's latest job: the newest `created_at`; among equals, the one listed last. */
export function latestJob(jobs: readonly ActivationJobView[]): ActivationJobView | undefined {
  let latest: ActivationJobView | undefined;
  for (const job of jobs) {
    if (latest === undefined || !(Date.parse(job.createdAt) < Date.parse(latest.createdAt))) latest = job;
  }
  return latest;
}

/** An on-demand job that has not failed: the activation this tool asked for is there (running or done). */
export function liveOnDemandJob(jobs: readonly ActivationJobView[]): ActivationJobView | undefined {
  return [...jobs].reverse().find((job) => job.type === 'on-demand' && job.status !== 'failed');
}

/** The scheduled job still waiting to run (the one `--at` moves). */
export function waitingScheduledJob(jobs: readonly ActivationJobView[]): ActivationJobView | undefined {
  return [...jobs].reverse().find((job) => job.type === 'scheduled' && job.status === 'created');
}

export function isWithinWindows(atMs: number, windows: readonly ActivationWindowView[]): boolean {
  return windows.some((w) => atMs >= Date.parse(w.startAt) && atMs <= Date.parse(w.endAt));
}

/** `2027-01-15 12:00–16:00 UTC, 19:00–23:00 UTC` style, for messages and the --list table. */
export function describeWindows(windows: readonly ActivationWindowView[]): string {
  if (windows.length === 0) return 'none';
  return windows
    .map((w) => {
      const start = w.startAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, '');
      const end = w.endAt.slice(0, 10) === w.startAt.slice(0, 10) ? w.endAt.slice(11, 16) : w.endAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, '');
      return `${start}–${end} UTC`;
    })
    .join(', ');
}

/**
 * `--at TIME`: an ISO 8601 date-time with its zone (`2027-01-15T19:30:00Z`, `…-05:00`), or `HH:MM`
 * (UTC) on the order's FOC date. Anything else (a date-time without a zone is ambiguous on cutover
 * night) is an error message.
 */
export function resolveActivateAt(text: string, focActual: string | undefined): { readonly atMs: number } | { readonly error: string } {
  const value = text.trim();
  const clock = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (clock) {
    const hours = Number(clock[1]);
    const minutes = Number(clock[2]);
    if (hours > 23 || minutes > 59) return { error: `--at "${text}": expected HH:MM (UTC) from 00:00 to 23:59` };
    const focMs = focActual === undefined ? Number.NaN : Date.parse(focActual);
    if (!Number.isFinite(focMs)) return { error: `--at "${text}": HH:MM needs the order's FOC date, and it has none` };
    const dayStart = Math.floor(focMs / 86_400_000) * 86_400_000;
    return { atMs: dayStart + (hours * 60 + minutes) * 60_000 };
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    return { error: `--at "${text}": expected an ISO 8601 date-time with its time zone (2027-01-15T19:30:00Z, 2027-01-15T14:30-05:00) or HH:MM in UTC on the FOC date` };
  }
  const atMs = Date.parse(value);
  if (!Number.isFinite(atMs)) return { error: `--at "${text}": not a valid date-time` };
  return { atMs };
}
