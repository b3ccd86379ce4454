import { matchesAny } from "../journeys/event-pattern.ts";
import {
  DAY_MS,
  type JourneyEvent,
  jsonNumber,
  jsonText,
  percentileCont,
  profileTraces,
} from "../journeys/journey-log.ts";
import { selectJourneyEvents } from "../journeys/journey-select.ts";
import type { JourneyFilters } from "../journeys/specs.ts";
import type { FrictionConfig } from "./friction-config.ts";
import { type Step, sequenceKey } from "./step.ts";

/** Occurrences of a step (or transitions) that carried each friction signal. */
export interface SignalCounts {
  dropOff: number;
  failure: number;
  repeat: number;
  loop: number;
  longDwell: number;
  channelSwitch: number;
  negativeFeedback: number;
}

export const SIGNALS = [
  "dropOff",
  "failure",
  "repeat",
  "loop",
  "longDwell",
  "channelSwitch",
  "negativeFeedback",
] as const satisfies readonly (keyof SignalCounts)[];

export interface StepCounts {
  step: Step;
  occurrences: number;
  profiles: number;
  signals: SignalCounts;
}

export interface TransitionCounts {
  from: Step;
  to: Step;
  count: number;
  profiles: number;
  /** Median time of the transition within a session (null: never within one). */
  medianMs: number | null;
  longDwell: number;
  channelSwitch: number;
}

export interface FrictionCounts {
  events: number;
  profiles: number;
  steps: StepCounts[];
  transitions: TransitionCounts[];
}

/** The settings the signals need (config `friction` and `journeys.sessionGapMinutes`). */
export interface SignalOptions {
  config: FrictionConfig;
  sessionGapMinutes: number;
}

const emptySignals = (): SignalCounts => ({
  dropOff: 0,
  failure: 0,
  repeat: 0,
  loop: 0,
  longDwell: 0,
  channelSwitch: 0,
  negativeFeedback: 0,
});

/** Whether an event is negative feedback (the reference of `negativeFeedbackSql`). */
export function isNegativeFeedback(e: JourneyEvent, config: FrictionConfig): boolean {
  if (!matchesAny(config.feedback.events, e.event)) return false;
  const rating = jsonNumber(e.properties.rating);
  if (rating !== null && rating <= config.feedback.lowRating) return true;
  const type = jsonText(e.properties.survey_type);
  const score = jsonNumber(e.properties.score);
  if (type === null || score === null) return false;
  const low = Object.hasOwn(config.feedback.lowScores, type)
    ? config.feedback.lowScores[type]
    : undefined;
  return low !== undefined && score <= low;
}

const stepOf = (e: JourneyEvent): Step => ({ channel: e.channel, event: e.event as string });
const same = (a: JourneyEvent | undefined, b: JourneyEvent | undefined) =>
  a !== undefined && b !== undefined && a.channel === b.channel && a.event === b.event;

/**
 * The reference of the friction-signal SQL (`src/friction/friction-sql.ts`), over the journey
 * events in the filters (docs/friction.md#signals). Each occurrence of a step, at position i
 * of its profile's journey:
 * - dropOff: it is the journey's last event and the data goes on ≥ stallDays after it;
 * - failure: its event matches `failureEvents`;
 * - repeat: the next step is the same; loop: the step after next is the same (A → B → A);
 * - longDwell: the next event follows within the session gap and more than dwellFactor × the
 *   median time of that transition (within sessions);
 * - channelSwitch: the next event is on another channel within channelSwitchMinutes;
 * - negativeFeedback: a negative feedback event follows (later in the journey) within
 *   feedback.windowMinutes.
 */
export function frictionReference(
  all: readonly JourneyEvent[],
  filters: JourneyFilters,
  options: SignalOptions,
): FrictionCounts {
  const { config } = options;
  const events = selectJourneyEvents(all, filters);
  const traces = profileTraces(events);
  const end = filters.to
    ? Date.parse(filters.to)
    : events.reduce((max, e) => Math.max(max, e.timestamp), Number.NEGATIVE_INFINITY);
  const sessionMs = options.sessionGapMinutes * 60_000;
  const gaps = new Map<string, number[]>();
  const pairKey = (a: JourneyEvent, b: JourneyEvent) => sequenceKey([stepOf(a), stepOf(b)]);
  for (const trace of traces.values()) {
    for (let i = 0; i + 1 < trace.length; i++) {
      const [a, b] = [trace[i] as JourneyEvent, trace[i + 1] as JourneyEvent];
      if (b.timestamp - a.timestamp > sessionMs) continue;
      const list = gaps.get(pairKey(a, b)) ?? [];
      list.push(b.timestamp - a.timestamp);
      gaps.set(pairKey(a, b), list);
    }
  }
  const medians = new Map([...gaps].map(([k, list]) => [k, percentileCont(list, 0.5)]));
  const steps = new Map<string, StepCounts & { ids: Set<string> }>();
  const transitions = new Map<string, TransitionCounts & { ids: Set<string> }>();
  for (const [profile, trace] of traces) {
    const negatives = trace.map((e) => isNegativeFeedback(e, config));
    trace.forEach((e, i) => {
      const next = trace[i + 1];
      const key = sequenceKey([stepOf(e)]);
      const s = steps.get(key) ?? {
        step: stepOf(e),
        occurrences: 0,
        profiles: 0,
        signals: emptySignals(),
        ids: new Set(),
      };
      s.occurrences++;
      s.ids.add(profile);
      const signals = s.signals;
      if (!next && end - e.timestamp >= config.stallDays * DAY_MS) signals.dropOff++;
      if (matchesAny(config.failureEvents, e.event)) signals.failure++;
      if (same(e, next)) signals.repeat++;
      else if (same(e, trace[i + 2])) signals.loop++;
      const following = trace.findIndex((_, j) => j > i && negatives[j]);
      if (
        following >= 0 &&
        (trace[following] as JourneyEvent).timestamp - e.timestamp <=
          config.feedback.windowMinutes * 60_000
      ) {
        signals.negativeFeedback++;
      }
      steps.set(key, s);
      if (!next) return;
      const gap = next.timestamp - e.timestamp;
      const median = medians.get(pairKey(e, next));
      const long =
        gap <= sessionMs && median !== undefined && median !== null
          ? gap > config.dwellFactor * median
          : false;
      const switched = next.channel !== e.channel && gap <= config.channelSwitchMinutes * 60_000;
      if (long) signals.longDwell++;
      if (switched) signals.channelSwitch++;
      const tKey = pairKey(e, next);
      const t = transitions.get(tKey) ?? {
        from: stepOf(e),
        to: stepOf(next),
        count: 0,
        profiles: 0,
        medianMs: medians.get(tKey) ?? null,
        longDwell: 0,
        channelSwitch: 0,
        ids: new Set(),
      };
      t.count++;
      t.ids.add(profile);
      if (long) t.longDwell++;
      if (switched) t.channelSwitch++;
      transitions.set(tKey, t);
    });
  }
  return {
    events: events.length,
    profiles: traces.size,
    steps: [...steps.values()].map(({ ids, ...s }) => ({ ...s, profiles: ids.size })),
    transitions: [...transitions.values()].map(({ ids, ...t }) => ({ ...t, profiles: ids.size })),
  };
}
