import type { StageModel } from "../core/journeys/stage-model.ts";
import { type AnalysisInput, parseAnalysisInput } from "../core/parse-input.ts";
import { analyseFeedback, type FeedbackResult } from "../core/text/feedback-analysis.ts";
import {
  type FeedbackConfig,
  type FeedbackSpec,
  FeedbackSpecSchema,
  feedbackInput,
} from "../core/text/feedback-spec.ts";
import type { EventStore } from "../store/event-store.ts";
import { defaultSegmenter } from "../text/default-segmenter.ts";
import { feedbackRows, feedbackSql } from "./feedback-sql.ts";

/**
 * Feedback text analytics (docs/feedback.md): the newest `limit` texts of the filtered
 * journeys are read, then language, sentiment, keywords, term frequencies and emotion indexes
 * are computed in process (`analyseFeedback`). Reading at most `limit` rows bounds memory.
 */
export async function getFeedback(
  store: EventStore,
  spec: FeedbackSpec,
  config: { feedback: FeedbackConfig; stages: StageModel },
): Promise<FeedbackResult> {
  const limit = spec.limit ?? config.feedback.defaultLimit;
  const fields = spec.fields ?? config.feedback.textFields;
  const { sql, values } = feedbackSql(store.dialect, spec, { fields, limit });
  const rows = feedbackRows(await store.query(sql, values));
  return analyseFeedback(rows.slice(0, limit), {
    stageModel: config.stages,
    contextEvents: config.feedback.contextEvents,
    language: spec.language,
    texts: spec.texts,
    keywords: spec.keywords,
    terms: spec.terms,
    truncated: rows.length > limit,
    segmenter: defaultSegmenter(),
  });
}

/** Runs the analysis from flat parameters (query string / CLI flags) or a JSON spec. */
export async function runFeedbackAnalysis(
  store: EventStore,
  config: { feedback: FeedbackConfig; stages: StageModel },
  input: AnalysisInput,
): Promise<FeedbackResult> {
  return getFeedback(store, parseAnalysisInput(FeedbackSpecSchema, feedbackInput, input), config);
}
