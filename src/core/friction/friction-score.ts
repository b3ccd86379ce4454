import type { FrictionWeights } from "./friction-config.ts";
import type { SignalCounts } from "./friction-reference.ts";

/** Shares of occurrences with each signal of the friction score (repeat includes loops). */
export interface SignalRates {
  dropOff: number;
  failure: number;
  repeat: number;
  longDwell: number;
  channelSwitch: number;
  negativeFeedback: number;
}

/** The rates of a step (or heatmap cell) from its signal counts and occurrences. */
export function signalRates(signals: SignalCounts, occurrences: number): SignalRates {
  const rate = (x: number) => (occurrences > 0 ? x / occurrences : 0);
  return {
    dropOff: rate(signals.dropOff),
    failure: rate(signals.failure),
    repeat: rate(signals.repeat + signals.loop),
    longDwell: rate(signals.longDwell),
    channelSwitch: rate(signals.channelSwitch),
    negativeFeedback: rate(signals.negativeFeedback),
  };
}

/**
 * Friction score (0–1): the weighted mean of the signal rates, Σ wₖ·rₖ / Σ wₖ, over the
 * signals given (weights from config `friction.weights`; docs/friction.md#score).
 */
export function frictionScore(rates: Partial<SignalRates>, weights: FrictionWeights): number {
  let sum = 0;
  let total = 0;
  for (const [signal, rate] of Object.entries(rates) as [keyof SignalRates, number][]) {
    const weight = weights[signal];
    sum += weight * rate;
    total += weight;
  }
  return total > 0 ? sum / total : 0;
}

/** Adds signal counts (for a heatmap cell). */
export function addSignals(a: SignalCounts, b: SignalCounts): SignalCounts {
  return {
    dropOff: a.dropOff + b.dropOff,
    failure: a.failure + b.failure,
    repeat: a.repeat + b.repeat,
    loop: a.loop + b.loop,
    longDwell: a.longDwell + b.longDwell,
    channelSwitch: a.channelSwitch + b.channelSwitch,
    negativeFeedback: a.negativeFeedback + b.negativeFeedback,
  };
}
