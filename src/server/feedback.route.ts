import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { FlatParams } from "../core/journeys/query-params.ts";
import type { StageModel } from "../core/journeys/stage-model.ts";
import { type FeedbackConfig, FeedbackSpecSchema } from "../core/text/feedback-spec.ts";
import { runFeedbackAnalysis } from "../feedback/feedback.ts";
import type { EventStore } from "../store/event-store.ts";

export interface FeedbackRouteOptions {
  store: EventStore;
  config: { feedback: FeedbackConfig; stages: StageModel };
}

/**
 * `GET /api/feedback` with a query string and `POST /api/feedback` with the spec as JSON:
 * feedback text analytics (docs/feedback.md), the same JSON as `journeylens feedback --json`.
 */
export function registerFeedbackRoutes(app: FastifyInstance, options: FeedbackRouteOptions) {
  app.get("/api/feedback", async (request) =>
    runFeedbackAnalysis(options.store, options.config, { params: request.query as FlatParams }),
  );
  app.post("/api/feedback", async (request) =>
    runFeedbackAnalysis(options.store, options.config, { body: request.body }),
  );
}

const QUERY: [string, string][] = [
  ["from", "ISO date, inclusive"],
  ["to", "ISO date, exclusive"],
  ["channel", "channels, comma-separated or repeated"],
  ["segment", 'segment filter AST as JSON, e.g. {"channel":"app"}'],
  ["field", "text fields (JSON paths such as properties.comment), comma-separated or repeated"],
  ["language", "only texts in this language: en or zh"],
  ["limit", "texts read, newest first (default config feedback.defaultLimit, at most 50000)"],
  ["texts", "per-text results returned (default 100, at most 1000)"],
  ["keywords", "keywords returned, overall and per sentiment label (default 30)"],
  ["terms", "terms returned for the word cloud (default 100)"],
];

const ErrorBody = z.toJSONSchema(
  z.object({
    success: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
  }),
);

const responses = {
  "200": {
    description:
      "per-text language, sentiment and keywords; keywords, term frequencies, emotion index by touchpoint, channel and stage (docs/feedback.md)",
    content: { "application/json": { schema: { type: "object" } } },
  },
  "400": {
    description: "invalid spec: the field and reason are named",
    content: { "application/json": { schema: ErrorBody } },
  },
};

const SUMMARY =
  "Feedback text analytics: language, sentiment (−1..1), TF-IDF keywords, term frequencies, emotion index";

/** The OpenAPI paths of the feedback endpoint (spread into `paths` in openapi.ts). */
export const feedbackPaths = {
  "/api/feedback": {
    get: {
      summary: SUMMARY,
      parameters: QUERY.map(([name, description]) => ({
        name,
        in: "query",
        required: false,
        description,
        schema: { type: "string" },
      })),
      responses,
    },
    post: {
      summary: `${SUMMARY} (spec as JSON)`,
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: z.toJSONSchema(FeedbackSpecSchema, { io: "input", unrepresentable: "any" }),
          },
        },
      },
      responses,
    },
  },
};
