const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Reads a duration flag: a number of seconds (`90`, `0.5`) or a number with a unit
 * (`500ms`, `30s`, `15m`, `2h`, `1d`). Returns milliseconds, or undefined when the text is not a
 * duration (the caller words the message, since it knows the flag).
 */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(text);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  const unitMs = UNIT_MS[unit];
  if (unitMs === undefined || !Number.isFinite(amount)) return undefined;
  return Math.round(amount * unitMs);
}

/** `1500` → `1.5 s`, `90000` → `1.5 min`: for summaries and messages. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
