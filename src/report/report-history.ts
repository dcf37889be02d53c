import type { ApiStats } from '../api/api-stats.js';
import type { JournalRecord } from '../campaign/journal-records.js';

/** One status an order was seen in, from the time of the record that said so. */
export interface StatusChange {
  readonly at: string;
  readonly status: string;
}

/** A run of a command on the campaign, with its API figures once it ended. */
export interface RunFigures {
  readonly run: string;
  readonly command: string;
  readonly startedAt: string;
  endedAt?: string;
  exitCode?: number;
  api?: ApiStats;
}

/** A sheet a run read (without its rows). */
export interface InputFigures {
  readonly file: string;
  readonly sha256: string;
  readonly at: string;
  readonly rowCount: number;
}

/**
 * What the report needs of a campaign's past that the state fold forgets (issue 17): each order's
 * status changes with their times (from create answers, confirms, order reads, `status` snapshots
 * and the events feed's `status_changed` entries, at the event's time), splits, refreshes, every run with the API figures of its `end`
 * record, and the sheets read. Pure: fed the journal's records in order, like `CampaignState`.
 */
export class ReportHistory {
  /** Per order id: every status it was seen in, as the records came (see `timeline`). */
  readonly #seen = new Map<string, StatusChange[]>();
  #timelines: Map<string, readonly StatusChange[]> | undefined;
  /** Times orders were split off (an `adopted` record with a known parent). */
  readonly splits: string[] = [];
  /** Times a `status` refresh finished: the days with data. */
  readonly refreshes: string[] = [];
  readonly runs: RunFigures[] = [];
  readonly inputs: InputFigures[] = [];
  /** The first order created: where the progress chart starts. */
  firstCreatedAt: string | undefined;

  apply(record: JournalRecord): void {
    switch (record.t) {
      case 'run':
        this.runs.push({ run: record.run, command: record.command, startedAt: record.at });
        break;
      case 'end': {
        const run = this.runs.findLast((candidate) => candidate.run === record.run);
        if (run === undefined) break;
        run.endedAt = record.at;
        run.exitCode = record.exitCode;
        if (record.api !== undefined) run.api = record.api;
        break;
      }
      case 'input':
        this.inputs.push({ file: record.file, sha256: record.sha256, at: record.at, rowCount: record.rows.length });
        break;
      case 'created':
        this.firstCreatedAt ??= record.at;
        for (const order of record.orders) this.#saw(order.id, order.status, record.at);
        break;
      case 'adopted':
        this.firstCreatedAt ??= record.at;
        if (record.splitFrom !== undefined && record.splitFrom !== '') this.splits.push(record.at);
        this.#saw(record.order.id, record.order.status, record.at);
        break;
      case 'confirmed':
      case 'order':
        this.#saw(record.order, record.status, record.at);
        break;
      case 'snapshot':
        this.#saw(record.order, record.view.status, record.at);
        break;
      case 'track-result':
        if (record.outcome === 'done' && record.status !== undefined) this.#saw(record.order, record.status, record.at);
        break;
      case 'events':
        // The feed says when a change happened (server time); never later than when the journal learnt it.
        for (const event of record.applied) {
          if (event.status !== undefined) this.#saw(event.order, event.status, Date.parse(event.at) < Date.parse(record.at) ? event.at : record.at);
        }
        break;
      case 'refreshed':
        this.refreshes.push(record.at);
        break;
      default:
        break;
    }
  }

  /**
   * Each order's statuses in time order, a change only when the word changed. Sorted by time, not
   * by journal order: a full refresh journals the feed's older events after the snapshot they led to.
   */
  get timelines(): ReadonlyMap<string, readonly StatusChange[]> {
    if (this.#timelines !== undefined) return this.#timelines;
    const timelines = new Map<string, readonly StatusChange[]>();
    for (const [order, seen] of this.#seen) {
      const sorted = seen.map((change, index) => ({ change, index, ms: Date.parse(change.at) })).sort((a, b) => a.ms - b.ms || a.index - b.index);
      const timeline: StatusChange[] = [];
      for (const { change } of sorted) if (timeline.at(-1)?.status !== change.status) timeline.push(change);
      timelines.set(order, timeline);
    }
    this.#timelines = timelines;
    return timelines;
  }

  /** The time an order last entered `status` (its current spell), or undefined. */
  enteredAt(order: string, status: string): string | undefined {
    const timeline = this.timelines.get(order) ?? [];
    let since: string | undefined;
    for (const change of timeline) since = change.status === status ? (since ?? change.at) : undefined;
    return since;
  }

  #saw(order: string, status: string, at: string): void {
    this.#timelines = undefined;
    const seen = this.#seen.get(order);
    if (seen === undefined) this.#seen.set(order, [{ at, status }]);
    else seen.push({ at, status });
  }
}
