import { compareText, type JourneyEvent, profileTraces } from "../journeys/journey-log.ts";
import { selectJourneyEvents } from "../journeys/journey-select.ts";
import type { JourneyFilters } from "../journeys/specs.ts";
import { type ProfileOutcome, profileOutcomes } from "./outcome-reference.ts";
import type { Outcome } from "./specs.ts";
import { type Step, sequenceKey } from "./step.ts";

/** How many profiles went through a step sequence, in all and with the bad outcome. */
export interface NgramCount {
  steps: Step[];
  profiles: number;
  bad: number;
  /** The first and last bad-outcome profile ids (code point order), distinct. */
  examples: string[];
}

export interface NgramCounts {
  /** Profiles with a journey event in the range (and segment), on any channel. */
  profiles: number;
  badProfiles: number;
  grams: NgramCount[];
}

export interface NgramOptions {
  maxLength: number;
  collapseRepeats: boolean;
}

/**
 * Each profile's counted steps, in journey order: its events on the spec's channels that are
 * earlier than its outcome cutoff; with `collapseRepeats`, an event equal (channel and name)
 * to the previous counted one is dropped.
 */
export function countedJourneys(
  all: readonly JourneyEvent[],
  filters: JourneyFilters,
  outcome: Outcome,
  collapseRepeats: boolean,
): Map<string, { outcome: ProfileOutcome; steps: JourneyEvent[] }> {
  const inRange = selectJourneyEvents(all, { ...filters, channels: undefined });
  const outcomes = profileOutcomes(inRange, outcome, filters.to);
  const traces = profileTraces(
    inRange.filter((e) => !filters.channels || filters.channels.includes(e.channel)),
  );
  const result = new Map<string, { outcome: ProfileOutcome; steps: JourneyEvent[] }>();
  for (const [profile, profileOutcome] of outcomes) {
    const steps: JourneyEvent[] = [];
    for (const e of traces.get(profile) ?? []) {
      if (e.timestamp >= profileOutcome.cutoff) break;
      const previous = steps.at(-1);
      if (collapseRepeats && previous?.event === e.event && previous.channel === e.channel)
        continue;
      steps.push(e);
    }
    result.set(profile, { outcome: profileOutcome, steps });
  }
  return result;
}

/**
 * The reference of the n-gram counting SQL (`src/friction/ngram-sql.ts`): for every sequence
 * of 1 to `maxLength` consecutive counted steps, the profiles that went through it at least
 * once, and how many of them had the bad outcome.
 */
export function ngramReference(
  all: readonly JourneyEvent[],
  filters: JourneyFilters,
  outcome: Outcome,
  options: NgramOptions,
): NgramCounts {
  const journeys = countedJourneys(all, filters, outcome, options.collapseRepeats);
  const grams = new Map<string, { steps: Step[]; profiles: string[]; bad: string[] }>();
  let badProfiles = 0;
  for (const [profile, { outcome: o, steps }] of journeys) {
    if (o.bad) badProfiles++;
    const seen = new Set<string>();
    for (let i = 0; i < steps.length; i++) {
      for (let n = 1; n <= options.maxLength && i + n <= steps.length; n++) {
        const sequence = steps
          .slice(i, i + n)
          .map((e) => ({ channel: e.channel, event: e.event as string }));
        const key = sequenceKey(sequence);
        if (seen.has(key)) continue;
        seen.add(key);
        const gram = grams.get(key) ?? { steps: sequence, profiles: [], bad: [] };
        gram.profiles.push(profile);
        if (o.bad) gram.bad.push(profile);
        grams.set(key, gram);
      }
    }
  }
  return {
    profiles: journeys.size,
    badProfiles,
    grams: [...grams.values()].map((g) => {
      const sorted = [...g.bad].sort(compareText);
      return {
        steps: g.steps,
        profiles: g.profiles.length,
        bad: g.bad.length,
        examples: [...new Set([sorted[0], sorted.at(-1)])].filter((p) => p !== undefined),
      };
    }),
  };
}
