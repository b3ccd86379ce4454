import {
  all,
  defined,
  type FlatParams,
  filters,
  flag,
  last,
  numeric,
} from "../journeys/query-params.ts";

/**
 * Flat parameters (query string / CLI flags) to friction spec inputs, parsed as the journey
 * analyses' are (filters: from, to, channel, segment). Event patterns repeat their key
 * (`churnEvent`, `goal`): names may hold commas.
 */
function outcome(params: FlatParams) {
  const list = (key: string) => (all(params[key]).length > 0 ? all(params[key]) : undefined);
  return {
    outcome: last(params.outcome),
    churnEvents: list("churnEvent") ?? list("churnEvents"),
    inactivityDays: numeric(params, "inactivityDays"),
    leadInMinutes: numeric(params, "leadInMinutes"),
    goal: list("goal"),
  };
}

export function frictionInput(params: FlatParams) {
  return defined({
    ...filters(params),
    ...outcome(params),
    minCount: numeric(params, "minCount"),
    limit: numeric(params, "limit"),
  });
}

export function breakpointsInput(params: FlatParams) {
  return defined({
    ...filters(params),
    ...outcome(params),
    maxLength: numeric(params, "maxLength"),
    collapseRepeats: flag(params, "collapseRepeats"),
    minProfiles: numeric(params, "minProfiles"),
    minSupport: numeric(params, "minSupport"),
    minLift: numeric(params, "minLift"),
    alpha: numeric(params, "alpha"),
    foldCoverage: numeric(params, "foldCoverage"),
    limit: numeric(params, "limit"),
  });
}

export function heatmapInput(params: FlatParams) {
  return defined({ ...filters(params), top: numeric(params, "top") });
}
