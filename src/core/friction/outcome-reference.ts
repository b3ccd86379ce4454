import { matchesAny } from "../journeys/event-pattern.ts";
import { DAY_MS, type JourneyEvent } from "../journeys/journey-log.ts";
import type { Outcome } from "./specs.ts";

/** A profile's outcome: bad or not, and the time before which its steps count. */
export interface ProfileOutcome {
  bad: boolean;
  /** Steps at this time or later are not counted (+Infinity: all count). */
  cutoff: number;
}

/**
 * The reference of the outcome CTE (`src/friction/outcome-sql.ts`). `events` are the journey
 * events in the date range and segment, on every channel: the outcome says what happened to
 * the profile, so a channel filter does not hide a churn event.
 *
 * - churn: bad when the profile has a churn event, or (inactivityDays > 0) its last event is
 *   at least that many days before the end of the data (`to`, else the latest event); steps
 *   count when earlier than the first churn event minus the lead-in.
 * - goal: bad when the profile never reached the goal; every step counts. (Cutting the others'
 *   journeys at the goal would leave the bad group more steps, making any sequence look
 *   over-represented among them.)
 */
export function profileOutcomes(
  events: readonly JourneyEvent[],
  outcome: Outcome,
  to: string | undefined,
): Map<string, ProfileOutcome> {
  const hit = new Map<string, number>();
  const last = new Map<string, number>();
  let end = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    end = Math.max(end, e.timestamp);
    last.set(e.profileId, Math.max(last.get(e.profileId) ?? e.timestamp, e.timestamp));
    if (matchesAny(outcome.events, e.event)) {
      hit.set(e.profileId, Math.min(hit.get(e.profileId) ?? e.timestamp, e.timestamp));
    }
  }
  if (to !== undefined) end = Date.parse(to);
  const result = new Map<string, ProfileOutcome>();
  for (const [profile, lastTime] of last) {
    const at = hit.get(profile);
    if (outcome.kind === "goal") {
      result.set(profile, { bad: at === undefined, cutoff: Number.POSITIVE_INFINITY });
      continue;
    }
    const inactive =
      outcome.inactivityDays > 0 && lastTime <= end - outcome.inactivityDays * DAY_MS;
    result.set(profile, {
      bad: at !== undefined || inactive,
      cutoff: at === undefined ? Number.POSITIVE_INFINITY : at - outcome.leadInMs,
    });
  }
  return result;
}
