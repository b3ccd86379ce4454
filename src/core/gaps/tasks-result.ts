import { compareText } from "../journeys/journey-log.ts";
import { type Interval, wilsonInterval } from "../stats/proportions.ts";
import type {
  ChannelCounts,
  DurationCount,
  ScoreCount,
  TaskAggregates,
} from "./task-aggregates.ts";
import { type TaskDefinition, type TaskKind, taskNotation } from "./task-spec.ts";

/** Mean of a set of responses; null without responses. */
export interface ScoreSummary {
  responses: number;
  mean: number;
}

export interface TaskChannelMetrics {
  channel: string;
  attempts: number;
  profiles: number;
  completed: number;
  failed: number;
  abandoned: number;
  /** null without attempts (a channel with survey responses only). */
  completionRate: number | null;
  completionInterval: Interval | null;
  failureRate: number | null;
  abandonRate: number | null;
  medianTimeMs: number | null;
  p90TimeMs: number | null;
  csat: ScoreSummary | null;
  ces: ScoreSummary | null;
  /** Mean sentiment of the related feedback (−1 … 1); null when no scorer is available. */
  sentiment: ScoreSummary | null;
}

export interface TaskMetrics {
  task: string;
  definition: string;
  kind: TaskKind;
  windowMs: number;
  value: number;
  attempts: number;
  completed: number;
  completionRate: number | null;
  channels: TaskChannelMetrics[];
}

export interface TasksResult {
  tasks: TaskMetrics[];
  /** Why sentiment is null, when it is. */
  sentimentNote: string | null;
}

export const NO_SENTIMENT =
  "sentiment of related feedback needs the text analytics scorer (src/core/text), not available yet";

/** Continuous percentile (linear interpolation, as `percentile_cont`) of counted values. */
export function countedPercentile(
  values: readonly { ms: number; count: number }[],
  fraction: number,
): number | null {
  const sorted = [...values].sort((a, b) => a.ms - b.ms);
  const n = sorted.reduce((sum, v) => sum + v.count, 0);
  if (n === 0) return null;
  const position = fraction * (n - 1);
  const at = (index: number) => {
    let seen = 0;
    for (const v of sorted) {
      seen += v.count;
      if (index < seen) return v.ms;
    }
    return sorted.at(-1)?.ms ?? 0;
  };
  const low = at(Math.floor(position));
  const high = at(Math.ceil(position));
  return low + (high - low) * (position - Math.floor(position));
}

function scoreSummary(rows: readonly ScoreCount[]): ScoreSummary | null {
  const responses = rows.reduce((sum, r) => sum + r.count, 0);
  if (responses === 0) return null;
  return { responses, mean: rows.reduce((sum, r) => sum + r.score * r.count, 0) / responses };
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function channelMetrics(
  counts: ChannelCounts | undefined,
  channel: string,
  durations: readonly DurationCount[],
  scores: readonly ScoreCount[],
): TaskChannelMetrics {
  const c = counts ?? { attempts: 0, profiles: 0, completed: 0, failed: 0, abandoned: 0 };
  const median = countedPercentile(durations, 0.5);
  const p90 = countedPercentile(durations, 0.9);
  return {
    channel,
    attempts: c.attempts,
    profiles: c.profiles,
    completed: c.completed,
    failed: c.failed,
    abandoned: c.abandoned,
    completionRate: ratio(c.completed, c.attempts),
    completionInterval: c.attempts > 0 ? wilsonInterval(c.completed, c.attempts) : null,
    failureRate: ratio(c.failed, c.attempts),
    abandonRate: ratio(c.abandoned, c.attempts),
    medianTimeMs: median === null ? null : Math.round(median),
    p90TimeMs: p90 === null ? null : Math.round(p90),
    csat: scoreSummary(scores.filter((s) => s.survey === "csat")),
    ces: scoreSummary(scores.filter((s) => s.survey === "ces")),
    sentiment: null,
  };
}

/** Per task and channel: volume, completion, failures, time to complete, CSAT and CES. */
export function tasksResult(
  tasks: readonly TaskDefinition[],
  aggregates: TaskAggregates,
): TasksResult {
  return {
    tasks: tasks.map((task) => {
      const of = <T extends { task: string }>(rows: readonly T[]) =>
        rows.filter((r) => r.task === task.name);
      const counts = of(aggregates.channels);
      const durations = of(aggregates.durations);
      const scores = of(aggregates.scores);
      const names = new Set([...counts, ...scores].map((r) => r.channel));
      const channels = [...names]
        .map((channel) =>
          channelMetrics(
            counts.find((c) => c.channel === channel),
            channel,
            durations.filter((d) => d.channel === channel),
            scores.filter((s) => s.channel === channel),
          ),
        )
        .sort((a, b) => b.attempts - a.attempts || compareText(a.channel, b.channel));
      const attempts = counts.reduce((sum, c) => sum + c.attempts, 0);
      const completed = counts.reduce((sum, c) => sum + c.completed, 0);
      return {
        task: task.name,
        definition: taskNotation(task),
        kind: task.kind,
        windowMs: task.windowMs,
        value: task.value,
        attempts,
        completed,
        completionRate: ratio(completed, attempts),
        channels,
      };
    }),
    sentimentNote: NO_SENTIMENT,
  };
}
