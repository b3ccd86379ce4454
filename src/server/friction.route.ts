import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { FlatParams } from "../core/journeys/query-params.ts";
import type { FrictionAnalysisConfig } from "../friction/friction.ts";
import {
  FRICTION_ANALYSES,
  type FrictionAnalysisName,
  runFrictionAnalysis,
} from "../friction/friction-analyses.ts";
import type { EventStore } from "../store/event-store.ts";

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
  for (const name of NAMES) {
    app.get(`/api/${name}`, async (request) =>
      runFrictionAnalysis(name, options.store, options.config, {
        params: request.query as FlatParams,
      }),
    );
    app.post(`/api/${name}`, async (request) =>
      runFrictionAnalysis(name, options.store, options.config, { body: request.body }),
    );
  }
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

const FILTERS: [string, string][] = [
  ["from", "ISO date, inclusive"],
  ["to", "ISO date, exclusive"],
  ["channel", "channels, comma-separated or repeated"],
  ["segment", "segment filter AST as JSON (docs/funnels.md#segments)"],
];

const ErrorBody = z.toJSONSchema(
  z.object({
    success: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
  }),
);

/** The OpenAPI paths of the friction endpoints (spread into `paths` in openapi.ts). */
export const frictionPaths = Object.fromEntries(
  NAMES.map((name) => {
    const analysis = FRICTION_ANALYSES[name];
    const responses = {
      "200": {
        description: `the ${name} result (docs/friction.md)`,
        content: { "application/json": { schema: { type: "object" } } },
      },
      "400": {
        description: "invalid spec: the field and reason are named",
        content: { "application/json": { schema: ErrorBody } },
      },
    };
    return [
      `/api/${name}`,
      {
        get: {
          summary: analysis.summary,
          parameters: [...FILTERS, ...QUERY[name]].map(([param, description]) => ({
            name: param,
            in: "query",
            required: false,
            description,
            schema: { type: "string" },
          })),
          responses,
        },
        post: {
          summary: `${analysis.summary} (spec as JSON)`,
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: z.toJSONSchema(analysis.schema, { io: "input", unrepresentable: "any" }),
              },
            },
          },
          responses,
        },
      },
    ];
  }),
);
