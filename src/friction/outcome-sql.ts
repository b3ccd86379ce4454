import type { Outcome } from "../core/friction/specs.ts";
import { DAY_MS } from "../core/journeys/journey-log.ts";
import type { JourneyFilters } from "../core/journeys/specs.ts";
import { anyEventMatchSql } from "../journeys/event-match-sql.ts";
import { journeyEventsCte } from "../journeys/journey-events.ts";
import type { JourneySource } from "../journeys/journey-index.ts";
import type { SqlParams } from "../journeys/sql-params.ts";
import type { SqlDialect } from "../store/sql-dialect.ts";

const bigint = (params: SqlParams, value: number) => `CAST(${params.add(value)} AS BIGINT)`;

/**
 * CTEs ending in `profile_outcomes(profile_id, bad, cutoff)` over `journey_events` (the date
 * range and segment, every channel): per profile, whether its outcome is bad and the time
 * before which its steps count (NULL: all). The reference is `profileOutcomes`.
 */
export function outcomeCtes(
  dialect: SqlDialect,
  filters: JourneyFilters,
  outcome: Outcome,
  params: SqlParams,
  source: JourneySource = "live",
): string {
  const events = journeyEventsCte(dialect, { ...filters, channels: undefined }, params, source);
  const hit = anyEventMatchSql("event", outcome.events, params);
  let bad: string;
  let cutoff: string;
  if (outcome.kind === "goal") {
    bad = "hit_t IS NULL";
    cutoff = "CAST(NULL AS BIGINT)";
  } else {
    bad = "hit_t IS NOT NULL";
    if (outcome.inactivityDays > 0) {
      const end = filters.to
        ? bigint(params, Date.parse(filters.to))
        : "(SELECT max(last_t) FROM outcome_times)";
      bad += ` OR last_t <= ${end} - ${bigint(params, outcome.inactivityDays * DAY_MS)}`;
    }
    cutoff = `hit_t - ${bigint(params, outcome.leadInMs)}`;
  }
  return `${events},
    outcome_times AS (
      SELECT profile_id, min(CASE WHEN ${hit} THEN t END) AS hit_t, max(t) AS last_t
      FROM journey_events GROUP BY profile_id),
    profile_outcomes AS MATERIALIZED (
      SELECT profile_id, (${bad}) AS bad, ${cutoff} AS cutoff FROM outcome_times)`;
}

/** SQL predicate: a `journey_events` row is on the spec's channels. */
export function channelsSql(filters: JourneyFilters, params: SqlParams, alias = "e"): string {
  if (!filters.channels) return "TRUE";
  return `${alias}.channel IN (${filters.channels.map((c) => params.add(c)).join(", ")})`;
}
