import {
  compareEvents,
  compareText,
  type JourneyEvent,
  profileTraces,
} from "../journeys/journey-log.ts";
import { selectJourneyEvents } from "../journeys/journey-select.ts";
import type { JourneyFilters } from "../journeys/specs.ts";
import { type TaskAttempt, taskAttempts } from "./attempts-reference.ts";
import { type AttemptOutcome, bump } from "./task-aggregates.ts";
import type { TaskDefinition } from "./task-spec.ts";

/**
 * Channel continuity counts (docs/channel-consistency.md), produced by the SQL in
 * `src/gaps/continuity-sql.ts` and by `continuityReference` below.
 */

/** Consecutive events of a profile on two channels, at most the window apart. */
export interface SwitchCount {
  from: string;
  to: string;
  switches: number;
  profiles: number;
}

/** Attempts of a task on channel `from` followed by the customer on channel `to`. */
export interface TaskSwitchCount extends SwitchCount {
  task: string;
  /** The switch came before the attempt's outcome (or within the task window if abandoned). */
  withinTask: number;
  /** Outcomes of the attempts the customers switched from. */
  outcomes: Record<AttemptOutcome, number>;
  /** The profile's next attempt of the task started on `to`, within the window: context lost. */
  restarts: number;
  /** Outcomes of those restarted attempts. */
  restartOutcomes: Record<AttemptOutcome, number>;
}

export interface ContinuityAggregates {
  /** Pairs of consecutive events (ignored channels left out) at most the window apart. */
  transitions: number;
  switchingProfiles: number;
  switches: SwitchCount[];
  /** Attempts per task on channels not ignored. */
  attempts: { task: string; attempts: number }[];
  taskSwitches: TaskSwitchCount[];
}

export interface ContinuityQuery {
  filters: JourneyFilters;
  tasks: readonly TaskDefinition[];
  windowMs: number;
  ignoreChannels: readonly string[];
}

/** The customer's first event on another channel after an attempt's start, if in the window. */
function switchOf(attempt: TaskAttempt, trace: readonly JourneyEvent[], windowMs: number) {
  const from = trace.indexOf(attempt.start);
  for (let i = from + 1; i < trace.length; i++) {
    const event = trace[i] as JourneyEvent;
    if (event.timestamp - attempt.start.timestamp > windowMs) return undefined;
    if (event.channel !== attempt.channel && event !== attempt.end) return event;
  }
  return undefined;
}

const withinTask = (attempt: TaskAttempt, to: JourneyEvent) =>
  attempt.end
    ? compareEvents(to, attempt.end) < 0
    : to.timestamp - attempt.start.timestamp <= attempt.task.windowMs;

export function continuityReference(
  all: readonly JourneyEvent[],
  query: ContinuityQuery,
): ContinuityAggregates {
  const events = selectJourneyEvents(all, query.filters);
  const visible = events.filter((e) => !query.ignoreChannels.includes(e.channel));
  const traces = profileTraces(visible);
  let transitions = 0;
  const switchers = new Set<string>();
  const switches = new Map<string, SwitchCount & { who: Set<string> }>();
  for (const [profile, trace] of traces) {
    for (let i = 1; i < trace.length; i++) {
      const a = trace[i - 1] as JourneyEvent;
      const b = trace[i] as JourneyEvent;
      if (b.timestamp - a.timestamp > query.windowMs) continue;
      transitions++;
      if (a.channel === b.channel) continue;
      switchers.add(profile);
      bump(
        switches,
        JSON.stringify([a.channel, b.channel]),
        () => ({ from: a.channel, to: b.channel, switches: 0, profiles: 0, who: new Set() }),
        (row) => {
          row.switches++;
          row.who.add(profile);
        },
      );
    }
  }
  const attempts = new Map<string, number>();
  const taskSwitches = new Map<string, TaskSwitchCount & { who: Set<string> }>();
  for (const attempt of taskAttempts(events, query.tasks)) {
    if (query.ignoreChannels.includes(attempt.channel)) continue;
    const task = attempt.task.name;
    attempts.set(task, (attempts.get(task) ?? 0) + 1);
    const to = switchOf(attempt, traces.get(attempt.profileId) ?? [], query.windowMs);
    if (!to) continue;
    const next = attempt.next;
    const restart =
      next !== null &&
      next.channel === to.channel &&
      next.start.timestamp - attempt.start.timestamp <= query.windowMs;
    bump(
      taskSwitches,
      JSON.stringify([task, attempt.channel, to.channel]),
      () => ({ ...emptyTaskSwitch(task, attempt.channel, to.channel), who: new Set() }),
      (row) => {
        row.switches++;
        row.who.add(attempt.profileId);
        if (withinTask(attempt, to)) row.withinTask++;
        row.outcomes[attempt.outcome]++;
        if (restart && next) {
          row.restarts++;
          row.restartOutcomes[next.outcome]++;
        }
      },
    );
  }
  const profiles = <T extends { who: Set<string>; profiles: number }>(rows: Iterable<T>) =>
    [...rows].map(({ who, ...row }) => ({ ...row, profiles: who.size }));
  return sortContinuity({
    transitions,
    switchingProfiles: switchers.size,
    switches: profiles(switches.values()),
    attempts: [...attempts].map(([task, n]) => ({ task, attempts: n })),
    taskSwitches: profiles(taskSwitches.values()),
  });
}

export function emptyTaskSwitch(task: string, from: string, to: string): TaskSwitchCount {
  return {
    task,
    from,
    to,
    switches: 0,
    profiles: 0,
    withinTask: 0,
    outcomes: { completed: 0, failed: 0, abandoned: 0 },
    restarts: 0,
    restartOutcomes: { completed: 0, failed: 0, abandoned: 0 },
  };
}

const byPair = (a: SwitchCount, b: SwitchCount) =>
  b.switches - a.switches || compareText(a.from, b.from) || compareText(a.to, b.to);

/** Canonical order: most switches first, ties by channel names. */
export function sortContinuity(c: ContinuityAggregates): ContinuityAggregates {
  return {
    ...c,
    switches: [...c.switches].sort(byPair),
    attempts: [...c.attempts].sort((a, b) => compareText(a.task, b.task)),
    taskSwitches: [...c.taskSwitches].sort((a, b) => compareText(a.task, b.task) || byPair(a, b)),
  };
}
