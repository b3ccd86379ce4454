import type { CxConfig } from "./cx-config.ts";
import { SURVEY_TYPES, type SurveyType } from "./survey-metrics.ts";

/**
 * One survey answer as the metrics read it: `properties.survey_type` (nps, csat, ces; case and
 * surrounding spaces ignored) and `properties.score` (a number, or text that reads as one)
 * within the type's scale. Anything else is an invalid answer: counted, never scored.
 */
export interface Scale {
  min: number;
  max: number;
  /** First score of the good side: promoter (NPS), satisfied (CSAT), easy (CES). */
  goodFrom: number;
  /** Last score of the bad side: detractor (NPS only). */
  badTo?: number;
}

export function surveyScales(config: CxConfig): Record<SurveyType, Scale> {
  const { csat, ces } = config.scales;
  return {
    nps: { min: 0, max: 10, goodFrom: 9, badTo: 6 },
    csat: { min: csat.min, max: csat.max, goodFrom: csat.satisfiedFrom },
    ces: { min: ces.min, max: ces.max, goodFrom: ces.easyFrom },
  };
}

export interface ClassifiedAnswer {
  type: SurveyType;
  score: number;
  hit: boolean;
  detractor: boolean;
  /** The score rescaled to 0–100 over its scale: 100·(score − min)/(max − min). */
  normalised: number;
}

/** The survey type of a `survey_type` value, or null. */
export function surveyTypeOf(value: string | null): SurveyType | null {
  // Spaces only, as SQL trim() does.
  const type = value?.replace(/^ +| +$/g, "").toLowerCase();
  return SURVEY_TYPES.find((t) => t === type) ?? null;
}

/** Classifies an answer; null when its type or score is not valid. */
export function classifyAnswer(
  scales: Record<SurveyType, Scale>,
  type: SurveyType | null,
  score: number | null,
): ClassifiedAnswer | null {
  if (type === null || score === null || !Number.isFinite(score)) return null;
  const scale = scales[type];
  if (score < scale.min || score > scale.max) return null;
  return {
    type,
    score,
    hit: score >= scale.goodFrom,
    detractor: scale.badTo !== undefined && score <= scale.badTo,
    normalised: (100 * (score - scale.min)) / (scale.max - scale.min),
  };
}
