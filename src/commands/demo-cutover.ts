/**
 * What the cutover steps use of the demo's simulator (structural: only demo.ts and sim.ts may import
 * src/sim, docs/architecture.md §2).
 */
export interface DemoSimulator {
  /** Where the `/_sim/*` control routes live. */
  readonly origin: string;
  readonly clock: { nowMs(): number };
  readonly state: {
    listPortingOrders(): ReadonlyArray<{
      readonly customer_group_reference: string | null;
      readonly status: { readonly value: string };
      readonly activation_settings: { readonly fast_port_eligible: boolean; readonly foc_datetime_actual: string | null };
    }>;
  };
}

/** One step of the demo: a bulkport command line, what happens before it, and what runs around it. */
export interface DemoStep {
  readonly name: string;
  readonly argv: string[];
  /** Runs before the step; returns the line the demo prints about it. */
  readonly before?: () => string | Promise<string>;
  /** Wraps the step's run (e.g. moves the simulated clock while it runs). */
  readonly around?: <T>(run: () => Promise<T>) => Promise<T>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** While `activate --watch` runs, the simulated clock moves a minute every 250 ms: a job's five minutes pass in ~1.5 s. */
const WATCH_TICK_MS = 250;
const WATCH_TICK_SIM_MS = 60_000;

/** POST /_sim/advance: the simulator's control route, as a test or a person would move its clock. */
async function advanceClock(sim: DemoSimulator, ms: number): Promise<string> {
  const answer = await fetch(`${sim.origin}/_sim/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
  if (!answer.ok) throw new Error(`simulator control route /_sim/advance answered HTTP ${answer.status}`);
  return ((await answer.json()) as { now?: string }).now ?? '';
}

/** Moves the simulated clock while `run` goes on, so activation jobs finish within seconds. */
function withMovingClock(sim: DemoSimulator): <T>(run: () => Promise<T>) => Promise<T> {
  return async (run) => {
    let ticking = Promise.resolve('');
    const timer = setInterval(() => {
      ticking = ticking.then(() => advanceClock(sim, WATCH_TICK_SIM_MS)).catch(() => '');
    }, WATCH_TICK_MS);
    try {
      return await run();
    } finally {
      clearInterval(timer);
      await ticking;
    }
  };
}

/**
 * Cutover night in the demo (README "Cutover night"): the simulated clock moves to 06:00 UTC on the
 * FOC date of the sample's US FastPort orders (before their scheduled 12:00 activation), then
 * `activate --watch` activates them on demand and follows the jobs; a second `activate --watch`
 * re-activates only the orders whose job failed (the simulator fails a seeded share of first jobs).
 */
export function cutoverSteps(sim: DemoSimulator, campaign: string): DemoStep[] {
  const watch = ['activate', '--campaign', campaign, '--watch', '--poll-interval', '500ms'];
  return [
    {
      name: 'activate',
      argv: watch,
      before: async () => {
        const focDays = sim.state
          .listPortingOrders()
          .filter((o) => o.customer_group_reference === campaign && o.activation_settings.fast_port_eligible && o.status.value === 'foc-date-confirmed')
          .map((o) => Math.floor(Date.parse(o.activation_settings.foc_datetime_actual ?? '') / DAY_MS) * DAY_MS)
          .filter((day) => Number.isFinite(day));
        if (focDays.length === 0) return 'no US FastPort order is FOC-confirmed; activate lists every order as not eligible';
        const target = Math.min(...focDays) + 6 * HOUR_MS;
        const now = await advanceClock(sim, Math.max(0, target - sim.clock.nowMs()));
        return `simulator clock moved to the FastPort orders' FOC date: ${now} (cutover night)`;
      },
      around: withMovingClock(sim),
    },
    { name: 'activate-again', argv: watch, before: () => 'a second run re-activates only the orders whose activation failed', around: withMovingClock(sim) },
  ];
}
