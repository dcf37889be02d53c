import type { PortoutDetails } from 'telnyx/resources/portouts/portouts';
import { mapBounded } from '../core/bounded.js';
import { fanOut } from './fetch-portouts.js';
import { ApiRejectedError } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import type { Issue } from '../core/issue-codes.js';
import { fetchRejectionCodes } from './fetch-portouts.js';
import type { ReviewColumn } from './review-sheet.js';
import { checkDecisionsWithServer, type PortoutDecision } from './validate-decisions.js';
import { SHAPES } from '../api/response-shapes.js';

/**
 * Reads what the checks need from Telnyx (each decided port-out, and the eligible codes of those to
 * reject) and returns every problem. Reads only: nothing is changed.
 */
export async function checkDecisions(
  session: ApiSession,
  decisions: readonly PortoutDecision[],
  columnHeaders: ReadonlyMap<ReviewColumn, string>,
): Promise<Issue[]> {
  const ids = [...new Set(decisions.map((d) => d.portoutId))];
  const found = await mapBounded(ids, fanOut(session), async (id): Promise<[string, PortoutDetails | undefined]> => {
      try {
        const answer = await session.scheduler.call('read', `port-out ${id}`, () => session.client.portouts.retrieve(id), SHAPES.portout);
        return [id, answer.data ?? {}];
      } catch (error) {
        // Telnyx answers 404 for an unknown id (and may answer 422 for one that is not a UUID).
        if (error instanceof ApiRejectedError && (error.isNotFound || error.isUnprocessable)) return [id, undefined];
        throw error;
      }
  });
  const portouts = new Map(found);
  const toReject = [...new Set(decisions.filter((d) => d.decision === 'reject' && portouts.get(d.portoutId) !== undefined).map((d) => d.portoutId))];
  const codes = await fetchRejectionCodes(session, toReject);
  return checkDecisionsWithServer(decisions, portouts, codes, columnHeaders);
}
