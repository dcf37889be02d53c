import type { ApiSummary } from '../output/summary.js';
import type { ApiStats } from './api-stats.js';

/** The scheduler's figures as the run summary carries them (summary.json, Summary sheet, stdout). */
export function toApiSummary(stats: ApiStats): ApiSummary {
  return {
    calls: stats.calls,
    retries: stats.retries,
    rateLimited: stats.rateLimited,
    failures: stats.failures,
    serverErrors: stats.serverErrors,
    connectionErrors: stats.connectionErrors,
    avgLatencyMs: stats.latency.avgMs,
    p95LatencyMs: stats.latency.p95Ms,
    maxLatencyMs: stats.latency.maxMs,
    elapsedMs: stats.elapsedMs,
    callsPerSecond: stats.callsPerSecond,
    maxInFlight: stats.maxInFlight,
  };
}
