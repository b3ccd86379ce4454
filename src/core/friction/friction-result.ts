import { type StageModel, stageOf } from "../journeys/stage-model.ts";
import type { FrictionConfig, FrictionWeights } from "./friction-config.ts";
import type { FrictionCounts, SignalCounts } from "./friction-reference.ts";
import { frictionScore, type SignalRates, signalRates } from "./friction-score.ts";
import type { NgramCounts } from "./ngram-reference.ts";
import type { FrictionSpec, Outcome } from "./specs.ts";
import {
  compareSequences,
  isFailureStep,
  type Step,
  sameStep,
  sequenceKey,
  sequenceLabel,
  stepLabel,
} from "./step.ts";

/** With an outcome: how often the profiles that went through a step or transition ended badly. */
export interface OutcomeShare {
  /** Profiles that went through it before their outcome cutoff, and how many had the bad outcome. */
  profiles: number;
  badProfiles: number;
  badRate: number;
  /** badRate over the bad rate of all profiles. */
  lift: number;
}

export interface StepFriction {
  step: Step;
  label: string;
  stage: string;
  occurrences: number;
  profiles: number;
  signals: SignalCounts;
  rates: SignalRates;
  frictionScore: number;
  outcome: OutcomeShare | null;
}

export interface TransitionFriction {
  from: Step;
  to: Step;
  label: string;
  count: number;
  profiles: number;
  medianMs: number | null;
  longDwell: number;
  channelSwitch: number;
  rates: Pick<SignalRates, "failure" | "repeat" | "longDwell" | "channelSwitch">;
  frictionScore: number;
  outcome: OutcomeShare | null;
}

export interface FrictionResult {
  events: number;
  profiles: number;
  weights: FrictionWeights;
  outcome: (Outcome & { profiles: number; badProfiles: number; badRate: number }) | null;
  /** Steps and transitions with at least minCount occurrences, by friction score. */
  steps: StepFriction[];
  transitions: TransitionFriction[];
}

function outcomeShares(counts: NgramCounts | undefined) {
  if (!counts) return undefined;
  const overall = counts.profiles > 0 ? counts.badProfiles / counts.profiles : 0;
  const shares = new Map<string, OutcomeShare>();
  for (const g of counts.grams) {
    const badRate = g.profiles > 0 ? g.bad / g.profiles : 0;
    shares.set(sequenceKey(g.steps), {
      profiles: g.profiles,
      badProfiles: g.bad,
      badRate,
      lift: overall > 0 ? badRate / overall : 0,
    });
  }
  return shares;
}

const empty: OutcomeShare = { profiles: 0, badProfiles: 0, badRate: 0, lift: 0 };

/** Rates, scores, outcome shares, ordering (score, then count, then label) and the limit. */
export function frictionResult(
  counts: FrictionCounts,
  spec: FrictionSpec,
  context: {
    config: FrictionConfig;
    model: StageModel;
    outcome?: Outcome;
    /** The 1- and 2-step sequence counts (n-gram counting, all sequences) for the outcome. */
    outcomeCounts?: NgramCounts;
  },
): FrictionResult {
  const { config, model, outcome, outcomeCounts } = context;
  const shares = outcomeShares(outcomeCounts);
  const shareOf = (steps: Step[]) => (shares ? (shares.get(sequenceKey(steps)) ?? empty) : null);
  const steps: StepFriction[] = counts.steps
    .filter((s) => s.occurrences >= spec.minCount)
    .map((s) => {
      const rates = signalRates(s.signals, s.occurrences);
      return {
        step: s.step,
        label: stepLabel(s.step),
        stage: stageOf(model, s.step.event),
        occurrences: s.occurrences,
        profiles: s.profiles,
        signals: s.signals,
        rates,
        frictionScore: frictionScore(rates, config.weights),
        outcome: shareOf([s.step]),
      };
    })
    .sort((a, b) => rank(a, b, a.occurrences, b.occurrences, [a.step], [b.step]));
  const transitions: TransitionFriction[] = counts.transitions
    .filter((t) => t.count >= spec.minCount)
    .map((t) => {
      const rates = {
        failure: isFailureStep(t.to, config.failureEvents) ? 1 : 0,
        repeat: sameStep(t.from, t.to) ? 1 : 0,
        longDwell: t.longDwell / t.count,
        channelSwitch: t.channelSwitch / t.count,
      };
      return {
        ...t,
        label: sequenceLabel([t.from, t.to]),
        rates,
        frictionScore: frictionScore(rates, config.weights),
        outcome: shareOf([t.from, t.to]),
      };
    })
    .sort((a, b) => rank(a, b, a.count, b.count, [a.from, a.to], [b.from, b.to]));
  return {
    events: counts.events,
    profiles: counts.profiles,
    weights: config.weights,
    outcome:
      outcome && outcomeCounts
        ? {
            ...outcome,
            profiles: outcomeCounts.profiles,
            badProfiles: outcomeCounts.badProfiles,
            badRate:
              outcomeCounts.profiles > 0 ? outcomeCounts.badProfiles / outcomeCounts.profiles : 0,
          }
        : null,
    steps: steps.slice(0, spec.limit),
    transitions: transitions.slice(0, spec.limit),
  };
}

function rank(
  a: { frictionScore: number },
  b: { frictionScore: number },
  countA: number,
  countB: number,
  stepsA: Step[],
  stepsB: Step[],
): number {
  return b.frictionScore - a.frictionScore || countB - countA || compareSequences(stepsA, stepsB);
}
