import type { FastifyInstance } from "fastify";
import { AuditSpecSchema } from "../core/gaps/specs.ts";
import {
  CHANNEL_ANALYSES,
  type ChannelAnalysisName,
  runAuditRequest,
  runChannelAnalysis,
} from "../gaps/gap-analyses.ts";
import type { ChannelSettings } from "../gaps/gaps.ts";
import type { EventStore } from "../store/event-store.ts";
import {
  analysisPathItem,
  FILTER_PARAMS,
  jsonRequestBody,
  jsonResponses,
  registerAnalysisRoutes,
} from "./analysis-routes.ts";

export interface GapRouteOptions {
  store: EventStore;
  settings: ChannelSettings;
}

const NAMES = Object.keys(CHANNEL_ANALYSES) as ChannelAnalysisName[];

/**
 * `GET /api/{tasks,gaps,continuity}` with a query string and `POST` of the same spec as JSON
 * (docs/channel-consistency.md); `POST /api/audit` audits content items given as JSON.
 */
export function registerGapRoutes(app: FastifyInstance, options: GapRouteOptions) {
  registerAnalysisRoutes(app, {
    names: NAMES,
    run: (name, input) => runChannelAnalysis(name, options.store, options.settings, input),
  });
  app.post("/api/audit", async (request) => runAuditRequest(request.body, options.settings));
}

const FILTERS: [string, string][] = [
  ...FILTER_PARAMS,
  [
    "task",
    "configured task names (comma-separated or repeated), or a definition 'NAME: START → SUCCESS | FAILURE within 10m' (default: every configured task)",
  ],
];

const QUERY: Record<ChannelAnalysisName, [string, string][]> = {
  tasks: [],
  gaps: [
    ["alpha", "false discovery rate of the tests (config gaps.alpha, 0.05)"],
    ["minSample", "observations a channel needs on a metric (config gaps.minSample, 30)"],
    ["rootCauses", "root causes listed per gap (config gaps.rootCauses, 3)"],
    ["dimension", "drill-down dimensions: context.PATH, properties.PATH, trait.KEY, browser"],
  ],
  continuity: [
    ["windowMinutes", "switch window in minutes (config continuity.windowMinutes, 60)"],
    ["ignoreChannel", "channels invisible to continuity (comma-separated)"],
    ["top", "channel pairs listed (default 20)"],
  ],
};

/** The OpenAPI paths of the channel-consistency endpoints (spread into `paths` in openapi.ts). */
export const gapPaths = {
  ...Object.fromEntries(
    NAMES.map((name) => [
      `/api/${name}`,
      analysisPathItem({
        ...CHANNEL_ANALYSES[name],
        filters: FILTERS,
        query: QUERY[name],
        result: `the ${name} result (docs/channel-consistency.md)`,
      }),
    ]),
  ),
  "/api/audit": {
    post: {
      summary:
        "Content consistency (conflicting facts, missing items, stale versions) and brand voice of content items",
      requestBody: jsonRequestBody(AuditSpecSchema),
      responses: jsonResponses("the audit (docs/channel-consistency.md)"),
    },
  },
};
