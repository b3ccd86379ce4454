import {
  type BreakpointsResult,
  breakpointsResult,
  withIdentifiers,
} from "../core/friction/breakpoints-result.ts";
import type { FrictionConfig } from "../core/friction/friction-config.ts";
import { type BreakpointsSpec, resolveOutcome } from "../core/friction/specs.ts";
import type { JourneyFilters } from "../core/journeys/specs.ts";
import { indexedStepCount, type JourneySource, journeySource } from "../journeys/journey-index.ts";
import type { EventStore } from "../store/event-store.ts";
import { profileIdentifiers } from "./example-profiles.ts";
import { MAX_STEP_IDS, type NgramQueryOptions, ngramRows, ngramSql } from "./ngram-sql.ts";

/**
 * Where the n-gram counts read: live, or the journey index when it is current — its stored
 * sequences (no sort) when the steps counted are each whole journey up to the outcome's
 * cutoff (no channel filter, no start date, repeats not collapsed) and every step has an id
 * that fits a packed key. `known`: the source the caller already asked for.
 */
export async function ngramSource(
  store: EventStore,
  spec: JourneyFilters,
  collapseRepeats: boolean,
  known?: JourneySource,
): Promise<Pick<NgramQueryOptions, "source" | "storedGrams">> {
  const source = known ?? (await journeySource(store));
  const storedGrams =
    source === "index" &&
    !collapseRepeats &&
    !spec.channels &&
    !spec.from &&
    (await indexedStepCount(store)) <= MAX_STEP_IDS;
  return { source, storedGrams };
}

/**
 * Breakpoint contrast (docs/friction.md): the step sequences over-represented in the journeys
 * of profiles with the bad outcome, with their significance, folded and ranked by impact.
 */
export async function getBreakpoints(
  store: EventStore,
  spec: BreakpointsSpec,
  config: FrictionConfig,
): Promise<BreakpointsResult> {
  const outcome = resolveOutcome(spec, config, "churn");
  if (!outcome) throw new Error("unreachable: breakpoints default to churn");
  const { sql, values } = ngramSql(store.dialect, spec, outcome, {
    maxLength: spec.maxLength,
    collapseRepeats: spec.collapseRepeats,
    mode: "tested",
    minProfiles: spec.minProfiles,
    minSupport: spec.minSupport,
    ...(await ngramSource(store, spec, spec.collapseRepeats)),
  });
  const counts = ngramRows(await store.query(sql, values), spec.maxLength);
  const result = breakpointsResult(counts, spec, outcome, config.failureEvents);
  const ids = result.findings.flatMap((f) => f.examples.map((e) => e.profileId));
  return withIdentifiers(result, await profileIdentifiers(store, ids));
}
