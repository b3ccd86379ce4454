import { compareText } from "../journeys/journey-log.ts";

/**
 * What the gap analysis needs from the event log, as counts: the SQL in `src/gaps/` and the
 * plain-TypeScript reference (`attempts-reference.ts`) both produce this, and every result
 * (tasks, gaps, root causes) is computed from it by the same pure functions.
 */

export type AttemptOutcome = "completed" | "failed" | "abandoned";
export const SURVEY_EVENT = "Survey Responded";
export const SURVEY_TYPES = ["csat", "ces"] as const;
export type SurveyType = (typeof SURVEY_TYPES)[number];

export interface ChannelCounts {
  task: string;
  channel: string;
  attempts: number;
  profiles: number;
  completed: number;
  failed: number;
  abandoned: number;
}

export interface DimensionCounts {
  task: string;
  channel: string;
  /** Index into the dimension list of the analysis. */
  dimension: number;
  value: string | null;
  attempts: number;
  profiles: number;
  completed: number;
  failed: number;
}

/**
 * Attempts per pair of dimension values (dimension indexes `first` < `second`): later root
 * causes are tested on the attempts without the first cause's value.
 */
export interface PairCounts {
  task: string;
  channel: string;
  first: number;
  second: number;
  firstValue: string | null;
  secondValue: string | null;
  attempts: number;
  completed: number;
  failed: number;
}

/** Completed attempts taking `ms` from start to success. */
export interface DurationCount {
  task: string;
  channel: string;
  ms: number;
  count: number;
}

/** Survey responses about a task (by `properties.touchpoint`) with a score. */
export interface ScoreCount {
  task: string;
  channel: string;
  survey: SurveyType;
  score: number;
  count: number;
}

export interface TaskAggregates {
  channels: ChannelCounts[];
  dimensions: DimensionCounts[];
  pairs: PairCounts[];
  durations: DurationCount[];
  scores: ScoreCount[];
}

const byKey = (a: { task: string; channel: string }, b: { task: string; channel: string }) =>
  compareText(a.task, b.task) || compareText(a.channel, b.channel);

const nullsLast = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : compareText(a, b);

/** One canonical order, so the SQL's rows and the reference's compare equal. */
export function sortAggregates(aggregates: TaskAggregates): TaskAggregates {
  return {
    channels: [...aggregates.channels].sort(byKey),
    dimensions: [...aggregates.dimensions].sort(
      (a, b) => byKey(a, b) || a.dimension - b.dimension || nullsLast(a.value, b.value),
    ),
    pairs: [...aggregates.pairs].sort(
      (a, b) =>
        byKey(a, b) ||
        a.first - b.first ||
        a.second - b.second ||
        nullsLast(a.firstValue, b.firstValue) ||
        nullsLast(a.secondValue, b.secondValue),
    ),
    durations: [...aggregates.durations].sort((a, b) => byKey(a, b) || a.ms - b.ms),
    scores: [...aggregates.scores].sort(
      (a, b) => byKey(a, b) || compareText(a.survey, b.survey) || a.score - b.score,
    ),
  };
}

/** Adds one to the count of a keyed row, creating it with `make`. */
export function bump<T>(map: Map<string, T>, key: string, make: () => T, add: (row: T) => void) {
  let row = map.get(key);
  if (!row) {
    row = make();
    map.set(key, row);
  }
  add(row);
}
