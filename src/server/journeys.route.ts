import type { FastifyInstance } from "fastify";
import type { JourneysConfig } from "../core/journeys/stage-model.ts";
import {
  JOURNEY_ANALYSES,
  type JourneyAnalysisName,
  runJourneyAnalysis,
} from "../journeys/journey-analyses.ts";
import type { EventStore } from "../store/event-store.ts";
import { analysisPathItem, registerAnalysisRoutes } from "./analysis-routes.ts";

export interface JourneyRouteOptions {
  store: EventStore;
  config: JourneysConfig;
}

const NAMES = Object.keys(JOURNEY_ANALYSES) as JourneyAnalysisName[];

/**
 * `GET /api/{funnel,paths,map,retention,sessions,stages}` with a query string, and `POST` of
 * the same spec as a JSON body. Both validate with the spec's zod schema (docs/funnels.md).
 */
export function registerJourneyRoutes(app: FastifyInstance, options: JourneyRouteOptions) {
  registerAnalysisRoutes(app, {
    names: NAMES,
    run: (name, input) => runJourneyAnalysis(name, options.store, options.config, input),
  });
}

/** Query-string parameters of each GET (POST takes the spec as JSON). */
const QUERY: Record<JourneyAnalysisName, [string, string][]> = {
  funnel: [
    ["step", "a step's event pattern, repeated in order (or `steps` as a JSON array)"],
    ["window", "conversion window: 30m, 12h, 7d (default), 2w or ms"],
    ["mode", "ordered (default), strict or any"],
    ["exclude", "exclusion: EVENT or EVENT:FROM:TO (step numbers), repeatable"],
    ["breakdown", "channel, property:KEY, trait:KEY, or JSON {by:'segment', segments:[…]}"],
    ["breakdownLimit", "buckets kept before the rest is gathered as other (default 20)"],
  ],
  paths: [
    ["start", "paths from the first event matching this pattern"],
    ["end", "paths to the first event matching this pattern"],
    ["depth", "events per path (default 5)"],
    ["collapseRepeats", "true (default) or false"],
    ["limit", "top paths returned (default 20)"],
    ["minProfiles", "Sankey links with fewer profiles are left out (default 1)"],
    ["dropOff", "JSON {funnel:{steps,window,mode}, step}: paths after dropping off at a step"],
    [
      "compare",
      "JSON {segments:[{name,segment},{name,segment}]} or {funnel:{…}} (converted vs not)",
    ],
  ],
  map: [
    ["activity", "event (default), stage or channel_event"],
    ["minCount", "edges with a smaller count are pruned"],
    ["minShare", "edges below this share of their source's outgoing transitions are pruned"],
    ["maxEdges", "at most this many edges, most frequent first (default 200)"],
    ["variants", "most frequent journey variants returned (default 10)"],
  ],
  retention: [
    ["period", "cohort period: day, week (default) or month"],
    ["periods", "periods after the cohort's (default 8)"],
    ["startEvent", "cohort by the first event matching this pattern"],
    ["returnEvent", "return means an event matching this pattern (default any)"],
    ["activeInterval", "active profiles per day (default), week or month"],
  ],
  sessions: [
    ["gapMinutes", "inactivity that ends a session (config journeys.sessionGapMinutes)"],
    ["profile", "only this profile's sessions"],
    ["limit", "sessions listed (default 100)"],
    ["top", "top channel paths / entries / exits (default 10)"],
  ],
  stages: [["profile", "also this profile's stage timeline"]],
};

/** The OpenAPI paths of the journey endpoints (spread into `paths` in openapi.ts). */
export const journeyPaths = Object.fromEntries(
  NAMES.map((name) => [
    `/api/${name}`,
    analysisPathItem({
      ...JOURNEY_ANALYSES[name],
      query: QUERY[name],
      result: `the ${name} result (docs/funnels.md)`,
    }),
  ]),
);
