import type { FastifyInstance } from "fastify";
import type { StageModel } from "../core/journeys/stage-model.ts";
import { type FeedbackConfig, FeedbackSpecSchema } from "../core/text/feedback-spec.ts";
import { runFeedbackAnalysis } from "../feedback/feedback.ts";
import type { EventStore } from "../store/event-store.ts";
import { analysisPathItem, registerAnalysisRoutes } from "./analysis-routes.ts";

export interface FeedbackRouteOptions {
  store: EventStore;
  config: { feedback: FeedbackConfig; stages: StageModel };
}

/**
 * `GET /api/feedback` with a query string and `POST /api/feedback` with the spec as JSON:
 * feedback text analytics (docs/feedback.md), the same JSON as `journeylens feedback --json`.
 */
export function registerFeedbackRoutes(app: FastifyInstance, options: FeedbackRouteOptions) {
  registerAnalysisRoutes(app, {
    names: ["feedback"],
    run: (_name, input) => runFeedbackAnalysis(options.store, options.config, input),
  });
}

const QUERY: [string, string][] = [
  ["field", "text fields (JSON paths such as properties.comment), comma-separated or repeated"],
  ["language", "only texts in this language: en or zh"],
  ["limit", "texts read, newest first (default config feedback.defaultLimit, at most 50000)"],
  ["texts", "per-text results returned (default 100, at most 1000)"],
  ["keywords", "keywords returned, overall and per sentiment label (default 30)"],
  ["terms", "terms returned for the word cloud (default 100)"],
];

/** The OpenAPI paths of the feedback endpoint (spread into `paths` in openapi.ts). */
export const feedbackPaths = {
  "/api/feedback": analysisPathItem({
    summary:
      "Feedback text analytics: language, sentiment (−1..1), TF-IDF keywords, term frequencies, emotion index",
    schema: FeedbackSpecSchema,
    query: QUERY,
    result:
      "per-text language, sentiment and keywords; keywords, term frequencies, emotion index by touchpoint, channel and stage (docs/feedback.md)",
  }),
};
