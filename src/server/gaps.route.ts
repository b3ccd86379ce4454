import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AuditSpecSchema } from "../core/gaps/specs.ts";
import type { FlatParams } from "../core/journeys/query-params.ts";
import {
  CHANNEL_ANALYSES,
  type ChannelAnalysisName,
  runAuditRequest,
  runChannelAnalysis,
} from "../gaps/gap-analyses.ts";
import type { ChannelSettings } from "../gaps/gaps.ts";
import type { EventStore } from "../store/event-store.ts";

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
  for (const name of NAMES) {
    app.get(`/api/${name}`, async (request) =>
      runChannelAnalysis(name, options.store, options.settings, {
        params: request.query as FlatParams,
      }),
    );
    app.post(`/api/${name}`, async (request) =>
      runChannelAnalysis(name, options.store, options.settings, { body: request.body }),
    );
  }
  app.post("/api/audit", async (request) => runAuditRequest(request.body, options.settings));
}

const FILTERS: [string, string][] = [
  ["from", "ISO date, inclusive"],
  ["to", "ISO date, exclusive"],
  ["channel", "channels, comma-separated or repeated"],
  ["segment", "segment filter AST as JSON (docs/funnels.md)"],
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

const ErrorBody = z.toJSONSchema(
  z.object({
    success: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
  }),
);

const responses = (what: string) => ({
  "200": {
    description: `${what} (docs/channel-consistency.md)`,
    content: { "application/json": { schema: { type: "object" } } },
  },
  "400": {
    description: "invalid spec: the field and reason are named",
    content: { "application/json": { schema: ErrorBody } },
  },
});

const body = (schema: z.ZodType) => ({
  required: true,
  content: {
    "application/json": {
      schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }),
    },
  },
});

/** The OpenAPI paths of the channel-consistency endpoints (spread into `paths` in openapi.ts). */
export const gapPaths = {
  ...Object.fromEntries(
    NAMES.map((name) => {
      const analysis = CHANNEL_ANALYSES[name];
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
            responses: responses(`the ${name} result`),
          },
          post: {
            summary: `${analysis.summary} (spec as JSON)`,
            requestBody: body(analysis.schema),
            responses: responses(`the ${name} result`),
          },
        },
      ];
    }),
  ),
  "/api/audit": {
    post: {
      summary:
        "Content consistency (conflicting facts, missing items, stale versions) and brand voice of content items",
      requestBody: body(AuditSpecSchema),
      responses: responses("the audit"),
    },
  },
};
