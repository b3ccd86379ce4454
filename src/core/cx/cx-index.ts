import type { StageModel } from "../journeys/stage-model.ts";
import type { CxConfig } from "./cx-config.ts";
import type { CxRows } from "./cx-rows.ts";
import { type KeyDrivers, keyDrivers } from "./key-drivers.ts";

/**
 * The CX index of SEEDS §2, CX = Σ wᵢ·Eᵢ over the stages (docs/cx.md). Eᵢ, 0–100, is the
 * weighted mean of the stage's signals that exist:
 * - survey: mean answer of the stage's surveys, each rescaled to 0–100 over its scale;
 * - completion: % of the profiles in the stage that later reached a later stage (not defined
 *   for the last stage);
 * - failureFree: % of the profiles in the stage without a failure event in it;
 * - sentiment: mean sentiment (−1…1) of the stage's feedback text, rescaled to 0–100, when a
 *   sentiment scorer is available.
 * A missing signal's weight is shared out over the others (the mean is over present signals).
 * The stage weights are the configured ones (default equal) and, alongside, the weights derived
 * by key-driver analysis; both are normalised over the stages that have a score.
 */
export interface StageScore {
  stage: string;
  score: number | null;
  signals: {
    survey: number | null;
    completion: number | null;
    failureFree: number | null;
    sentiment: number | null;
  };
  surveyResponses: number;
  profiles: number;
  /** Fewer survey answers than the minimum sample. */
  lowSample: boolean;
  configuredWeight: number | null;
  derivedWeight: number | null;
}

export interface CxIndex {
  /** Σ wᵢ·Eᵢ with the configured weights. */
  value: number | null;
  /** Σ wᵢ·Eᵢ with the key-driver weights. */
  valueWithDerivedWeights: number | null;
  signalWeights: CxConfig["stageScore"];
  sentiment: string;
  stages: StageScore[];
  keyDrivers: KeyDrivers;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

export interface SentimentByStage {
  /** Mean sentiment, −1…1, and how many texts, per stage index. */
  byStage: Map<number, { mean: number; n: number }>;
  /** How the sentiment was scored, or why it is missing. */
  note: string;
}

export function cxIndex(
  rows: CxRows,
  options: {
    model: StageModel;
    config: CxConfig;
    minSample: number;
    /** The `dim` of the by-stage survey cells (the last breakdown of the query). */
    stageDim: number;
    sentiment?: SentimentByStage;
  },
): CxIndex {
  const { model, config, minSample, sentiment, stageDim } = options;
  const last = model.stages.length - 1;
  const weights = config.stageScore;
  const drivers = keyDrivers(rows.drivers, { model, minSample });
  const stages = model.stages.map((stage, i): StageScore => {
    const cells = rows.cells.filter((c) => c.dim === stageDim && c.value === stage.name);
    const answers = cells.reduce((s, c) => s + c.counts.n, 0);
    const normalised = cells.reduce((s, c) => s + c.normalisedSum, 0);
    const signal = rows.stages.find((s) => s.stage === i);
    const profiles = signal?.profiles ?? 0;
    const text = sentiment?.byStage.get(i);
    const signals = {
      survey: answers > 0 ? round(normalised / answers) : null,
      completion:
        i < last && signal && profiles > 0 ? round((100 * signal.progressed) / profiles) : null,
      failureFree: signal && profiles > 0 ? round(100 * (1 - signal.failed / profiles)) : null,
      sentiment: text && text.n > 0 ? round(((text.mean + 1) / 2) * 100) : null,
    };
    let sum = 0;
    let weight = 0;
    for (const [name, value] of Object.entries(signals)) {
      const w = weights[name as keyof typeof weights];
      if (value === null || w <= 0) continue;
      sum += w * value;
      weight += w;
    }
    return {
      stage: stage.name,
      score: weight > 0 ? round(sum / weight) : null,
      signals,
      surveyResponses: answers,
      profiles,
      lowSample: answers < minSample,
      configuredWeight: null,
      derivedWeight: null,
    };
  });
  const configured = normalise(stages, (s) => config.stageWeights[s.stage] ?? 1);
  const derivedOf = new Map(drivers.drivers.map((d) => [d.stage, d.weight]));
  const derived = drivers.available
    ? normalise(stages, (s) => derivedOf.get(s.stage) ?? 0)
    : undefined;
  stages.forEach((s, i) => {
    s.configuredWeight = configured.weights[i] ?? null;
    s.derivedWeight = derived ? (derived.weights[i] ?? null) : null;
  });
  return {
    value: configured.value,
    valueWithDerivedWeights: derived?.value ?? null,
    signalWeights: weights,
    sentiment:
      sentiment?.note ??
      "not available: no sentiment scorer; its weight is shared out over the other signals",
    stages,
    keyDrivers: drivers,
  };
}

/** Weights normalised over the stages with a score, and Σ wᵢ·Eᵢ; null weights elsewhere. */
function normalise(stages: StageScore[], weightOf: (s: StageScore) => number) {
  const total = stages.reduce((t, s) => t + (s.score === null ? 0 : weightOf(s)), 0);
  if (total <= 0) return { value: null, weights: stages.map(() => null) };
  const weights = stages.map((s) => (s.score === null ? null : round(weightOf(s) / total)));
  const value = stages.reduce(
    (v, s) => v + (s.score === null ? 0 : (weightOf(s) / total) * s.score),
    0,
  );
  return { value: round(value), weights };
}
