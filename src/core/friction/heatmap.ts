import { compareText } from "../journeys/journey-log.ts";
import { type StageModel, stageOf } from "../journeys/stage-model.ts";
import type { FrictionWeights } from "./friction-config.ts";
import type { FrictionCounts, SignalCounts } from "./friction-reference.ts";
import { addSignals, frictionScore, type SignalRates, signalRates } from "./friction-score.ts";
import { compareSteps, type Step, stepLabel } from "./step.ts";

export interface HeatmapCell {
  stage: string;
  channel: string;
  occurrences: number;
  signals: SignalCounts;
  rates: SignalRates;
  /** The occurrence-weighted mean of its steps' friction scores (docs/friction.md#heatmap). */
  frictionScore: number;
  /** Steps that contribute most to the cell's friction; `share` of it (the shares sum to 1). */
  top: { step: Step; label: string; occurrences: number; frictionScore: number; share: number }[];
}

export interface HeatmapResult {
  /** Rows: the stage model's stages in order. */
  stages: string[];
  /** Columns: channels by occurrences, most first (ties by name). */
  channels: string[];
  weights: FrictionWeights;
  /** Cells with at least one occurrence. */
  cells: HeatmapCell[];
  /** The largest friction score of a cell (for a colour scale). */
  maxScore: number;
}

const zero: SignalCounts = {
  dropOff: 0,
  failure: 0,
  repeat: 0,
  loop: 0,
  longDwell: 0,
  channelSwitch: 0,
  negativeFeedback: 0,
};

/**
 * The pain-point heatmap: stage × channel, each cell the friction of the step occurrences whose
 * event falls in that stage (stage model) on that channel. A cell's rate of a signal is the
 * share of its occurrences with it, so its score Σ wₖ·rₖ / Σ wₖ equals the occurrence-weighted
 * mean of its steps' scores; a step's share of the cell's friction is occurrences × score over
 * the cell's occurrences × score.
 */
export function heatmap(
  counts: FrictionCounts,
  options: { model: StageModel; weights: FrictionWeights; top: number },
): HeatmapResult {
  const cells = new Map<string, HeatmapCell & { steps: HeatmapCell["top"] }>();
  const channelTotals = new Map<string, number>();
  for (const s of counts.steps) {
    const stage = stageOf(options.model, s.step.event);
    const key = `${stage}\u001f${s.step.channel}`;
    const cell = cells.get(key) ?? {
      stage,
      channel: s.step.channel,
      occurrences: 0,
      signals: zero,
      rates: signalRates(zero, 0),
      frictionScore: 0,
      top: [],
      steps: [],
    };
    cell.occurrences += s.occurrences;
    cell.signals = addSignals(cell.signals, s.signals);
    const score = frictionScore(signalRates(s.signals, s.occurrences), options.weights);
    cell.steps.push({
      step: s.step,
      label: stepLabel(s.step),
      occurrences: s.occurrences,
      frictionScore: score,
      share: 0,
    });
    cells.set(key, cell);
    channelTotals.set(s.step.channel, (channelTotals.get(s.step.channel) ?? 0) + s.occurrences);
  }
  const stageOrder = options.model.stages.map((s) => s.name);
  const result: HeatmapCell[] = [...cells.values()].map(({ steps, ...cell }) => {
    const rates = signalRates(cell.signals, cell.occurrences);
    const score = frictionScore(rates, options.weights);
    const weight = cell.occurrences * score;
    const top = steps
      .map((s) => ({ ...s, share: weight > 0 ? (s.occurrences * s.frictionScore) / weight : 0 }))
      .sort(
        (a, b) =>
          b.share - a.share || b.occurrences - a.occurrences || compareSteps(a.step, b.step),
      )
      .slice(0, options.top);
    return { ...cell, rates, frictionScore: score, top };
  });
  result.sort(
    (a, b) =>
      stageOrder.indexOf(a.stage) - stageOrder.indexOf(b.stage) ||
      compareText(a.channel, b.channel),
  );
  return {
    stages: stageOrder,
    channels: [...channelTotals]
      .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
      .map(([channel]) => channel),
    weights: options.weights,
    cells: result,
    maxScore: result.reduce((max, c) => Math.max(max, c.frictionScore), 0),
  };
}
