import type { FastifyInstance } from "fastify";
import type { FrictionAnalysisConfig } from "../friction/friction.ts";
import {
  FRICTION_ANALYSES,
  type FrictionAnalysisName,
  runFrictionAnalysis,
} from "../friction/friction-analyses.ts";
import type { EventStore } from "../store/event-store.ts";
import { analysisPathItem, registerAnalysisRoutes } from "./analysis-routes.ts";

export interface FrictionRouteOptions {
  store: EventStore;
  config: FrictionAnalysisConfig;
}

const NAMES = Object.keys(FRICTION_ANALYSES) as FrictionAnalysisName[];

/**
 * `GET /api/{friction,breakpoints,heatmap}` with a query string, and `POST` of the same spec as
 * a JSON body; both validate with the spec's zod schema (docs/friction.md).
 */
export function registerFrictionRoutes(app: FastifyInstance, options: FrictionRouteOptions) {
  registerAnalysisRoutes(app, {
    names: NAMES,
    run: (name, input) => runFrictionAnalysis(name, options.store, options.config, input),
  });
}

const OUTCOME: [string, string][] = [
  ["outcome", "churn (default for breakpoints) or goal; friction adds outcome shares when given"],
  ["churnEvent", "churn event pattern, repeatable (default config friction.churn.events)"],
  ["inactivityDays", "also churned: no event in the last N days of the data; 0 = off"],
  ["leadInMinutes", "steps this close before the churn event are not counted (default 60)"],
  ["goal", "with outcome goal: the goal event pattern, repeatable"],
];

/** Query-string parameters of each GET (POST takes the spec as JSON). */
const QUERY: Record<FrictionAnalysisName, [string, string][]> = {
  friction: [
    ...OUTCOME,
    ["minCount", "steps and transitions with fewer occurrences are left out (default 10)"],
    ["limit", "steps and transitions listed, highest friction first (default 50)"],
  ],
  breakpoints: [
    ...OUTCOME,
    ["maxLength", "longest step sequence tested, 1 to 4 (default 4)"],
    ["collapseRepeats", "count consecutive repeats of a step once (default false)"],
    ["minProfiles", "profiles a sequence needs to be tested (default 10)"],
    ["minSupport", "and this share of all profiles (default 0.001)"],
    ["minLift", "findings need at least this lift (default 1.2)"],
    ["alpha", "false-discovery rate: findings need q below it (default 0.05)"],
    ["foldCoverage", "share of bad-outcome profiles that counts as nearly the same (default 0.9)"],
    ["limit", "findings listed (default 20)"],
  ],
  heatmap: [["top", "contributing steps listed per cell (default 3)"]],
};

/** The OpenAPI paths of the friction endpoints (spread into `paths` in openapi.ts). */
export const frictionPaths = Object.fromEntries(
  NAMES.map((name) => [
    `/api/${name}`,
    analysisPathItem({
      ...FRICTION_ANALYSES[name],
      query: QUERY[name],
      result: `the ${name} result (docs/friction.md)`,
    }),
  ]),
);
