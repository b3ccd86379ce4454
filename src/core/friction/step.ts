import { matchesAny } from "../journeys/event-pattern.ts";
import { compareText } from "../journeys/journey-log.ts";

/** A journey step: an event name on a channel. */
export interface Step {
  channel: string;
  event: string;
}

/** `app:Transfer Failed` */
export const stepLabel = (step: Step) => `${step.channel}:${step.event}`;

/** `app:Account Query → app:Transfer Failed` */
export const sequenceLabel = (steps: readonly Step[]) => steps.map(stepLabel).join(" → ");

/** A map key of a step sequence (separators no event name is expected to hold). */
export const sequenceKey = (steps: readonly Step[]) =>
  steps.map((s) => `${s.channel}\u001f${s.event}`).join("\u001e");

export const sameStep = (a: Step, b: Step) => a.channel === b.channel && a.event === b.event;

/** Orders steps by channel, then event (code point order). */
export const compareSteps = (a: Step, b: Step) =>
  compareText(a.channel, b.channel) || compareText(a.event, b.event);

/** Orders sequences step by step; a prefix comes first. */
export function compareSequences(a: readonly Step[], b: readonly Step[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareSteps(a[i] as Step, b[i] as Step);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Whether a step is a failure event (config `friction.failureEvents`). */
export const isFailureStep = (step: Step, failureEvents: readonly string[]) =>
  matchesAny(failureEvents, step.event);
