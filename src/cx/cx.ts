import { AppError } from "../core/app-error.ts";
import type { CxConfig } from "../core/cx/cx-config.ts";
import { type CxIndex, cxIndex, type SentimentByStage } from "../core/cx/cx-index.ts";
import type { CxRows } from "../core/cx/cx-rows.ts";
import type { CxSpec } from "../core/cx/specs.ts";
import { type SurveyResult, surveyResult } from "../core/cx/survey-result.ts";
import { type StageModel, stageIndex } from "../core/journeys/stage-model.ts";
import type { EventStore } from "../store/event-store.ts";
import { stageSentiment } from "./cx-sentiment.ts";
import { cxRows, cxSql, cxTexts, type FeedbackTextOptions } from "./cx-sql.ts";

export interface CxOptions {
  model: StageModel;
  config: CxConfig;
  /** The feedback text of the CX index's sentiment signal; without it, no sentiment signal. */
  texts?: FeedbackTextOptions;
}

export interface CxResult {
  surveys: SurveyResult;
  cxIndex: CxIndex | null;
}

/** Stage names in `cx.touchpointStages` must be stages of the model. */
export function checkCxConfig(config: CxConfig, model: StageModel): void {
  for (const [touchpoint, stage] of Object.entries(config.touchpointStages)) {
    if (stageIndex(model, stage) < 0) {
      const field = `cx.touchpointStages.${touchpoint}`;
      throw new AppError(
        "invalid_request",
        `config ${field}: "${stage}" is not a stage (${model.stages.map((s) => s.name).join(", ")})`,
        field,
      );
    }
  }
}

/** Survey metrics and the CX index from rows (the SQL's or the reference's). */
export function cxResult(
  rows: CxRows,
  spec: CxSpec,
  options: CxOptions & { sentimentByStage?: SentimentByStage },
): CxResult {
  const minSample = spec.minSample ?? options.config.minSample;
  const surveys = surveyResult(rows, {
    spec,
    model: options.model,
    minSample,
    confidence: spec.confidence ?? options.config.confidence,
    fdr: options.config.fdr,
  });
  const index = spec.index
    ? cxIndex(rows, {
        model: options.model,
        config: options.config,
        minSample,
        stageDim: spec.by.length + 1,
        sentiment: options.sentimentByStage,
      })
    : null;
  return { surveys, cxIndex: index };
}

/** Survey metrics by breakdown and the stage-weighted CX index (docs/cx.md). */
export async function getCx(store: EventStore, spec: CxSpec, options: CxOptions) {
  checkCxConfig(options.config, options.model);
  const { sql, values } = cxSql(store.dialect, spec, options);
  const result = await store.query(sql, values);
  const rows = cxRows(result, spec.by, options.model);
  const sentimentByStage =
    spec.index && options.texts ? stageSentiment(cxTexts(result), options.texts) : undefined;
  return cxResult(rows, spec, { ...options, sentimentByStage });
}
