import type { FastifyInstance } from "fastify";
import { KanoSpecSchema } from "../core/cx/specs.ts";
import {
  CX_ANALYSES,
  type CxAnalysisName,
  type CxContext,
  runCxAnalysis,
  runKano,
} from "../cx/cx-analyses.ts";
import type { EventStore } from "../store/event-store.ts";
import {
  analysisPathItem,
  jsonRequestBody,
  jsonResponses,
  registerAnalysisRoutes,
} from "./analysis-routes.ts";

export interface CxRouteOptions {
  store: EventStore;
  context: CxContext;
}

const NAMES = Object.keys(CX_ANALYSES) as CxAnalysisName[];

/**
 * `GET /api/{cx,engagement,kpis,kano}` with a query string; `POST` of the same spec as JSON for
 * cx, engagement and kpis; `POST /api/kano` with paired answers (JSON or CSV text). docs/cx.md.
 */
export function registerCxRoutes(app: FastifyInstance, options: CxRouteOptions) {
  registerAnalysisRoutes(app, {
    names: NAMES,
    getOnly: ["kano"],
    run: (name, input) => runCxAnalysis(name, options.store, options.context, input),
  });
  app.post("/api/kano", async (request) => runKano(request.body));
}

const QUERY: Record<CxAnalysisName, [string, string][]> = {
  cx: [
    [
      "by",
      "breakdowns: stage, channel, touchpoint, period, segment, trait:KEY, property:KEY (comma-separated)",
    ],
    ["period", "unit of the period breakdown: day, week (default) or month"],
    ["segments", 'named segments for by=segment, JSON [{"name":"…","segment":{…}}]'],
    ["surveys", "survey types reported: nps, csat, ces (default all)"],
    [
      "minSample",
      "groups with fewer answers are flagged lowSample (default config cx.minSample, 30)",
    ],
    ["confidence", "confidence level of the intervals (default 0.95)"],
    ["limit", "groups kept per breakdown, most answers first (default 50)"],
    ["index", "include the CX index (default true)"],
  ],
  engagement: [
    ["by", "breakdowns: segment, trait:KEY (comma-separated)"],
    ["segments", 'named segments for by=segment, JSON [{"name":"…","segment":{…}}]'],
    ["profile", "also this profile's score and parts"],
    ["limit", "most engaged profiles listed (default 10)"],
  ],
  kpis: [
    ["gapMinutes", "inactivity that ends a web/app session (default journeys.sessionGapMinutes)"],
  ],
  kano: [],
};

/** The OpenAPI paths of the CX endpoints (spread into `paths` in openapi.ts). */
export const cxPaths = Object.fromEntries(
  NAMES.map((name) => {
    const item = analysisPathItem({
      ...CX_ANALYSES[name],
      query: QUERY[name],
      result: `the ${name} result (docs/cx.md)`,
    });
    const post =
      name === "kano"
        ? {
            summary: 'KANO analysis of paired answers: {answers:[…]} or {csv:"…"}',
            requestBody: jsonRequestBody(KanoSpecSchema),
            responses: jsonResponses("categories and better/worse per feature (docs/cx.md)"),
          }
        : item.post;
    return [`/api/${name}`, { get: item.get, post }];
  }),
);
