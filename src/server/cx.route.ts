import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { KanoSpecSchema } from "../core/cx/specs.ts";
import type { FlatParams } from "../core/journeys/query-params.ts";
import {
  CX_ANALYSES,
  type CxAnalysisName,
  type CxContext,
  runCxAnalysis,
  runKano,
} from "../cx/cx-analyses.ts";
import type { EventStore } from "../store/event-store.ts";

export interface CxRouteOptions {
  store: EventStore;
  context: CxContext;
}

const SPEC_POSTS: CxAnalysisName[] = ["cx", "engagement", "kpis"];

/**
 * `GET /api/{cx,engagement,kpis,kano}` with a query string; `POST` of the same spec as JSON for
 * cx, engagement and kpis; `POST /api/kano` with paired answers (JSON or CSV text). docs/cx.md.
 */
export function registerCxRoutes(app: FastifyInstance, options: CxRouteOptions) {
  for (const name of Object.keys(CX_ANALYSES) as CxAnalysisName[]) {
    app.get(`/api/${name}`, async (request) =>
      runCxAnalysis(name, options.store, options.context, {
        params: request.query as FlatParams,
      }),
    );
  }
  for (const name of SPEC_POSTS) {
    app.post(`/api/${name}`, async (request) =>
      runCxAnalysis(name, options.store, options.context, { body: request.body }),
    );
  }
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

const FILTERS: [string, string][] = [
  ["from", "ISO date, inclusive"],
  ["to", "ISO date, exclusive"],
  ["channel", "channels, comma-separated or repeated"],
  ["segment", "segment filter AST as JSON (docs/funnels.md)"],
];

const ErrorBody = z.toJSONSchema(
  z.object({
    success: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
  }),
);

const responses = (what: string) => ({
  "200": {
    description: `${what} (docs/cx.md)`,
    content: { "application/json": { schema: { type: "object" } } },
  },
  "400": {
    description: "invalid request: the field and reason are named",
    content: { "application/json": { schema: ErrorBody } },
  },
});

const jsonBody = (schema: z.ZodType) => ({
  required: true,
  content: {
    "application/json": {
      schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }),
    },
  },
});

/** The OpenAPI paths of the CX endpoints (spread into `paths` in openapi.ts). */
export const cxPaths = Object.fromEntries(
  (Object.keys(CX_ANALYSES) as CxAnalysisName[]).map((name) => {
    const analysis = CX_ANALYSES[name];
    const get = {
      summary: analysis.summary,
      parameters: [...FILTERS, ...QUERY[name]].map(([param, description]) => ({
        name: param,
        in: "query",
        required: false,
        description,
        schema: { type: "string" },
      })),
      responses: responses(`the ${name} result`),
    };
    const post =
      name === "kano"
        ? {
            summary: 'KANO analysis of paired answers: {answers:[…]} or {csv:"…"}',
            requestBody: jsonBody(KanoSpecSchema),
            responses: responses("categories and better/worse per feature"),
          }
        : {
            summary: `${analysis.summary} (spec as JSON)`,
            requestBody: jsonBody(analysis.schema),
            responses: responses(`the ${name} result`),
          };
    return [`/api/${name}`, { get, post }];
  }),
);
