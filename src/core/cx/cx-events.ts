import { matchesAny } from "../journeys/event-pattern.ts";
import { type JourneyEvent, jsonNumber, jsonText } from "../journeys/journey-log.ts";
import { type StageModel, stageIndex, stageOf } from "../journeys/stage-model.ts";
import type { CxConfig } from "./cx-config.ts";
import {
  type ClassifiedAnswer,
  classifyAnswer,
  type Scale,
  surveyTypeOf,
} from "./survey-answer.ts";
import type { SurveyType } from "./survey-metrics.ts";

/**
 * The reference of the CX events CTE (`src/cx/cx-events-sql.ts`): each journey event with its
 * position in the profile's journey, its stage, and for surveys the answer.
 *
 * Stages (docs/cx.md): an event takes its stage from the stage model, except surveys and
 * failures, which are *about* what the customer was doing: they take the stage of the latest
 * earlier event of the profile that is neither a survey nor a failure (their own stage when
 * there is none). A survey's `properties.stage` (a stage name), else its
 * `properties.touchpoint` mapped by config `cx.touchpointStages`, comes first.
 */
export interface CxEvent {
  event: JourneyEvent;
  /** 1-based position in the profile's (filtered) journey. */
  pos: number;
  stage: number;
  isSurvey: boolean;
  isFailure: boolean;
  /** Surveys only: the answer, null when its type or score is invalid. */
  answer: ClassifiedAnswer | null;
}

export function surveyStage(
  event: JourneyEvent,
  model: StageModel,
  touchpointStages: Record<string, string>,
): number | null {
  const named = jsonText(event.properties.stage);
  if (named !== null && stageIndex(model, named) >= 0) return stageIndex(model, named);
  const touchpoint = jsonText(event.properties.touchpoint);
  if (touchpoint !== null && Object.hasOwn(touchpointStages, touchpoint)) {
    const index = stageIndex(model, touchpointStages[touchpoint] as string);
    if (index >= 0) return index;
  }
  return null;
}

/** Each profile's events with their CX stage; traces in journey order. */
export function cxEvents(
  traces: Map<string, JourneyEvent[]>,
  model: StageModel,
  config: CxConfig,
  scales: Record<SurveyType, Scale>,
): Map<string, CxEvent[]> {
  const result = new Map<string, CxEvent[]>();
  for (const [profileId, trace] of traces) {
    let context: number | null = null;
    const rows = trace.map((event, i): CxEvent => {
      const own = stageIndex(model, stageOf(model, event.event));
      const isSurvey = matchesAny(config.surveyEvents, event.event);
      const isFailure = !isSurvey && matchesAny(config.failureEvents, event.event);
      if (!isSurvey && !isFailure) {
        context = own;
        return { event, pos: i + 1, stage: own, isSurvey, isFailure, answer: null };
      }
      const fallback = context ?? own;
      const stage = isSurvey
        ? (surveyStage(event, model, config.touchpointStages) ?? fallback)
        : fallback;
      const answer = isSurvey
        ? classifyAnswer(
            scales,
            surveyTypeOf(jsonText(event.properties.survey_type)),
            jsonNumber(event.properties.score),
          )
        : null;
      return { event, pos: i + 1, stage, isSurvey, isFailure, answer };
    });
    result.set(profileId, rows);
  }
  return result;
}
