import { matchesAny, matchesPattern } from "../journeys/event-pattern.ts";
import { type JourneyEvent, jsonNumber, jsonText, profileTraces } from "../journeys/journey-log.ts";
import { selectJourneyEvents } from "../journeys/journey-select.ts";
import type { JourneyFilters } from "../journeys/specs.ts";
import { type Dimension, dimensionValue, profileTraitValues } from "./dimensions.ts";
import {
  type AttemptOutcome,
  bump,
  type ChannelCounts,
  type DimensionCounts,
  type DurationCount,
  type PairCounts,
  type ScoreCount,
  SURVEY_EVENT,
  SURVEY_TYPES,
  type SurveyType,
  sortAggregates,
  type TaskAggregates,
} from "./task-aggregates.ts";
import type { TaskDefinition } from "./task-spec.ts";

/**
 * The reference of task attempts (docs/channel-consistency.md): each start event begins an
 * attempt on its channel; the attempt's outcome is the first success or failure event after it
 * and before the profile's next start of the task (journey order), if that event is at most the
 * window after the start; otherwise the attempt is abandoned. An event matching the start is
 * never an outcome, and one matching both success and failure is a success.
 */

export interface TaskAttempt {
  task: TaskDefinition;
  profileId: string;
  channel: string;
  start: JourneyEvent;
  outcome: AttemptOutcome;
  /** The success or failure event, when there is one in time. */
  end: JourneyEvent | null;
  /** The profile's next attempt of the task (its next start), if any. */
  next: TaskAttempt | null;
}

type Role = "start" | "success" | "failure";

export function roleOf(task: TaskDefinition, event: string | null): Role | null {
  if (matchesPattern(task.start, event)) return "start";
  if (matchesAny(task.success, event)) return "success";
  if (matchesAny(task.failure, event)) return "failure";
  return null;
}

/** Every attempt of every task, per profile in journey order. */
export function taskAttempts(
  events: readonly JourneyEvent[],
  tasks: readonly TaskDefinition[],
): TaskAttempt[] {
  const attempts: TaskAttempt[] = [];
  for (const trace of profileTraces(events).values()) {
    for (const task of tasks) {
      const rows = trace.flatMap((event) => {
        const role = roleOf(task, event.event);
        return role ? [{ event, role }] : [];
      });
      let previous: TaskAttempt | null = null;
      rows.forEach(({ event, role }, i) => {
        if (role !== "start") return;
        const after = rows[i + 1];
        const inTime =
          after !== undefined &&
          after.role !== "start" &&
          after.event.timestamp - event.timestamp <= task.windowMs;
        const attempt: TaskAttempt = {
          task,
          profileId: event.profileId,
          channel: event.channel,
          start: event,
          outcome: inTime ? (after.role === "success" ? "completed" : "failed") : "abandoned",
          end: inTime ? after.event : null,
          next: null,
        };
        if (previous) previous.next = attempt;
        previous = attempt;
        attempts.push(attempt);
      });
    }
  }
  return attempts;
}

function surveyScores(events: readonly JourneyEvent[], tasks: readonly TaskDefinition[]) {
  const scores = new Map<string, ScoreCount>();
  for (const event of events) {
    if (event.event !== SURVEY_EVENT) continue;
    const survey = jsonText(event.properties.survey_type) as SurveyType | null;
    const score = jsonNumber(event.properties.score);
    const touchpoint = jsonText(event.properties.touchpoint);
    if (!SURVEY_TYPES.includes(survey as SurveyType) || score === null || touchpoint === null)
      continue;
    for (const task of tasks) {
      if (!task.touchpoints.includes(touchpoint)) continue;
      const key = JSON.stringify([task.name, event.channel, survey, score]);
      bump(
        scores,
        key,
        () => ({
          task: task.name,
          channel: event.channel,
          survey: survey as SurveyType,
          score,
          count: 0,
        }),
        (row) => row.count++,
      );
    }
  }
  return [...scores.values()];
}

/** The reference of `getTaskAggregates`: counts from all events of the log and the filters. */
export function taskAggregatesReference(
  all: readonly JourneyEvent[],
  options: {
    filters: JourneyFilters;
    tasks: readonly TaskDefinition[];
    dimensions: readonly Dimension[];
  },
): TaskAggregates {
  const events = selectJourneyEvents(all, options.filters);
  const attempts = taskAttempts(events, options.tasks);
  const traits = profileTraitValues(all, options.dimensions);
  const channels = new Map<string, ChannelCounts & { who: Set<string> }>();
  const dimensions = new Map<string, DimensionCounts & { who: Set<string> }>();
  const pairs = new Map<string, PairCounts>();
  const durations = new Map<string, DurationCount>();
  const count = (row: { attempts: number; completed: number; failed: number }, a: TaskAttempt) => {
    row.attempts++;
    if (a.outcome === "completed") row.completed++;
    if (a.outcome === "failed") row.failed++;
  };
  for (const a of attempts) {
    const base = { task: a.task.name, channel: a.channel };
    const zero = { attempts: 0, profiles: 0, completed: 0, failed: 0, who: new Set<string>() };
    bump(
      channels,
      JSON.stringify([base.task, base.channel]),
      () => ({ ...base, ...zero, abandoned: 0, who: new Set() }),
      (row) => {
        count(row, a);
        if (a.outcome === "abandoned") row.abandoned++;
        row.who.add(a.profileId);
      },
    );
    const values = options.dimensions.map((d, index) =>
      dimensionValue(d, a.start, traits.get(a.profileId)?.[index] ?? null),
    );
    values.forEach((firstValue, first) => {
      values.slice(first + 1).forEach((secondValue, offset) => {
        const second = first + 1 + offset;
        bump(
          pairs,
          JSON.stringify([base.task, base.channel, first, second, firstValue, secondValue]),
          () => ({
            ...base,
            first,
            second,
            firstValue,
            secondValue,
            attempts: 0,
            completed: 0,
            failed: 0,
          }),
          (row) => count(row, a),
        );
      });
    });
    options.dimensions.forEach((_, index) => {
      const value = values[index] ?? null;
      bump(
        dimensions,
        JSON.stringify([base.task, base.channel, index, value]),
        () => ({ ...base, ...zero, dimension: index, value, who: new Set() }),
        (row) => {
          count(row, a);
          row.who.add(a.profileId);
        },
      );
    });
    if (a.outcome === "completed" && a.end) {
      const ms = a.end.timestamp - a.start.timestamp;
      bump(
        durations,
        JSON.stringify([base.task, base.channel, ms]),
        () => ({ ...base, ms, count: 0 }),
        (row) => row.count++,
      );
    }
  }
  const withProfiles = <T extends { who: Set<string>; profiles: number }>(rows: Iterable<T>) =>
    [...rows].map(({ who, ...row }) => ({ ...row, profiles: who.size }));
  return sortAggregates({
    channels: withProfiles(channels.values()),
    dimensions: withProfiles(dimensions.values()),
    pairs: [...pairs.values()],
    durations: [...durations.values()],
    scores: surveyScores(events, options.tasks),
  });
}
