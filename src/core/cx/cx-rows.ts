import type { SurveyCounts, SurveyType } from "./survey-metrics.ts";

/**
 * What the CX query returns, whether the SQL of a store or the plain-TypeScript reference
 * computes it: the shaping into results (`survey-result.ts`, `cx-index.ts`) is shared, and the
 * property tests compare these rows.
 */

/** Counts of one group of one breakdown, per survey type. */
export interface SurveyCell {
  /** 0: all answers; 1…k: the spec's `by[i − 1]`; k + 1: by stage, for the CX index. */
  dim: number;
  value: string | null;
  type: SurveyType;
  counts: SurveyCounts;
  /** Sum of the answers' scores rescaled to 0–100 over their scale. */
  normalisedSum: number;
}

/** Behavioural signals of a stage: profiles in it, how many went on to a later stage, failed. */
export interface StageSignals {
  stage: number;
  profiles: number;
  progressed: number;
  failed: number;
}

/**
 * One respondent's key-driver inputs: with `stage` null, the sum and count of their NPS scores
 * (likelihood to recommend); else the sum and count of their other answers in that stage,
 * rescaled to 0–100.
 */
export interface DriverRow {
  profileId: string;
  stage: number | null;
  n: number;
  total: number;
}

export interface CxRows {
  cells: SurveyCell[];
  /** Survey events without a valid type and score. */
  invalid: number;
  stages: StageSignals[];
  drivers: DriverRow[];
}
