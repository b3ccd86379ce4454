import {
  type BreakpointsResult,
  breakpointsResult,
  withIdentifiers,
} from "../core/friction/breakpoints-result.ts";
import type { FrictionConfig } from "../core/friction/friction-config.ts";
import { type BreakpointsSpec, resolveOutcome } from "../core/friction/specs.ts";
import { journeySource } from "../journeys/journey-index.ts";
import type { EventStore } from "../store/event-store.ts";
import { profileIdentifiers } from "./example-profiles.ts";
import { ngramRows, ngramSql } from "./ngram-sql.ts";

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
    source: await journeySource(store),
  });
  const counts = ngramRows(await store.query(sql, values), spec.maxLength);
  const result = breakpointsResult(counts, spec, outcome, config.failureEvents);
  const ids = result.findings.flatMap((f) => f.examples.map((e) => e.profileId));
  return withIdentifiers(result, await profileIdentifiers(store, ids));
}
