import type { StageModel } from "../journeys/stage-model.ts";
import { MAX_PREDICTORS, shapleyRegression } from "../stats/relative-importance.ts";
import type { DriverRow } from "./cx-rows.ts";

/**
 * Key-driver analysis of the stages (docs/cx.md): how much each stage's experience explains
 * the overall likelihood to recommend. Respondents are the profiles with an NPS answer; the
 * outcome is their mean NPS score (0–10), the drivers their mean CSAT/CES answer (0–100) in
 * each stage. Stages answered by fewer than `minSample` of them are left out; then, while the
 * respondents who answered every remaining stage are too few (fewer than `minSample` or than
 * drivers + 2), the stage with the fewest answers goes. The weights are the Shapley shares of
 * R² (`core/stats/relative-importance.ts`) over those complete cases, normalised to sum to 1.
 */
export interface KeyDriver {
  stage: string;
  /** Normalised importance (the drivers' weights sum to 1). */
  weight: number;
  /** Share of R² (the drivers' shares sum to R²). */
  shapley: number;
  /** Standardised coefficient in the full model (sign: direction of the effect). */
  beta: number;
  /** Respondents with an answer in this stage. */
  respondents: number;
}

export interface KeyDrivers {
  method: "shapley-regression";
  outcome: string;
  available: boolean;
  /** Why no weights could be derived, when not available. */
  reason?: string;
  /** Complete cases the model was fitted on. */
  respondents: number;
  r2: number | null;
  drivers: KeyDriver[];
  excluded: { stage: string; reason: string }[];
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

export function keyDrivers(
  rows: readonly DriverRow[],
  options: { model: StageModel; minSample: number },
): KeyDrivers {
  const { model, minSample } = options;
  const outcome = new Map<string, number>();
  const answers = new Map<number, Map<string, number>>();
  for (const row of rows) {
    if (row.n <= 0) continue;
    if (row.stage === null) outcome.set(row.profileId, row.total / row.n);
  }
  for (const row of rows) {
    if (row.stage === null || row.n <= 0 || !outcome.has(row.profileId)) continue;
    const byProfile = answers.get(row.stage) ?? new Map<string, number>();
    byProfile.set(row.profileId, row.total / row.n);
    answers.set(row.stage, byProfile);
  }
  const base = {
    method: "shapley-regression" as const,
    outcome: "likelihood to recommend: the respondent's mean NPS score (0–10)",
  };
  const excluded: { stage: string; reason: string }[] = [];
  const name = (stage: number) => model.stages[stage]?.name ?? String(stage);
  let candidates = [...answers.keys()].sort((a, b) => a - b);
  for (const stage of candidates) {
    const count = answers.get(stage)?.size ?? 0;
    if (count < minSample) {
      excluded.push({
        stage: name(stage),
        reason: `${count} respondents, fewer than ${minSample}`,
      });
    }
  }
  candidates = candidates.filter((s) => (answers.get(s)?.size ?? 0) >= minSample);
  const completeCases = (stages: number[]) =>
    [...outcome.keys()].filter((p) => stages.every((s) => answers.get(s)?.has(p)));
  let cases = completeCases(candidates);
  while (
    candidates.length > 1 &&
    (cases.length < Math.max(minSample, candidates.length + 2) ||
      candidates.length > MAX_PREDICTORS)
  ) {
    const fewest = [...candidates].sort(
      (a, b) => (answers.get(a)?.size ?? 0) - (answers.get(b)?.size ?? 0) || b - a,
    )[0] as number;
    excluded.push({
      stage: name(fewest),
      reason: "left out so that enough respondents answered every remaining stage",
    });
    candidates = candidates.filter((s) => s !== fewest);
    cases = completeCases(candidates);
  }
  if (candidates.length === 0 || cases.length < Math.max(minSample, candidates.length + 2)) {
    return {
      ...base,
      available: false,
      reason: `needs at least ${minSample} respondents with an NPS answer and CSAT/CES answers in the stages (have ${cases.length} over ${candidates.length} stage(s))`,
      respondents: cases.length,
      r2: null,
      drivers: [],
      excluded,
    };
  }
  const x = candidates.map((s) => cases.map((p) => answers.get(s)?.get(p) as number));
  const y = cases.map((p) => outcome.get(p) as number);
  const fit = shapleyRegression(x, y);
  return {
    ...base,
    available: true,
    respondents: cases.length,
    r2: round(fit.r2),
    drivers: candidates.map((stage, i) => ({
      stage: name(stage),
      weight: round(fit.weights[i] as number),
      shapley: round(fit.shapley[i] as number),
      beta: round(fit.beta[i] as number),
      respondents: answers.get(stage)?.size ?? 0,
    })),
    excluded,
  };
}
