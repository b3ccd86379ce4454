import { compareText, type JourneyEvent, jsonText } from "../journeys/journey-log.ts";
import { selectJourneyEvents } from "../journeys/journey-select.ts";
import type { JourneyFilters } from "../journeys/specs.ts";
import { bump } from "./task-aggregates.ts";
import type { TaskDefinition } from "./task-spec.ts";
import type { TasksResult } from "./tasks-result.ts";

/** Where feedback text is read, in order: the first non-empty one (DESIGN §3). */
export const FEEDBACK_TEXT_KEYS = ["comment", "text", "review", "message"] as const;

/** Feedback texts about a task (`properties.touchpoint` is one of its touchpoints), per channel. */
export interface FeedbackTextCount {
  task: string;
  channel: string;
  text: string;
  count: number;
}

const textOf = (event: JourneyEvent) => {
  for (const key of FEEDBACK_TEXT_KEYS) {
    const text = jsonText(event.properties[key]);
    if (text !== null && text !== "") return text;
  }
  return null;
};

/** The reference of the feedback-text query. */
export function feedbackTextsReference(
  all: readonly JourneyEvent[],
  filters: JourneyFilters,
  tasks: readonly TaskDefinition[],
): FeedbackTextCount[] {
  const counts = new Map<string, FeedbackTextCount>();
  for (const event of selectJourneyEvents(all, filters)) {
    const touchpoint = jsonText(event.properties.touchpoint);
    const text = textOf(event);
    if (touchpoint === null || text === null) continue;
    for (const task of tasks) {
      if (!task.touchpoints.includes(touchpoint)) continue;
      bump(
        counts,
        JSON.stringify([task.name, event.channel, text]),
        () => ({ task: task.name, channel: event.channel, text, count: 0 }),
        (row) => row.count++,
      );
    }
  }
  return [...counts.values()];
}

/**
 * Adds the mean sentiment (−1 … 1) of each task × channel's feedback texts; texts the scorer
 * leaves unscored (not Chinese or English) do not count.
 */
export function applySentiment(
  result: TasksResult,
  texts: readonly FeedbackTextCount[],
  score: (text: string) => number | null,
): TasksResult {
  const cache = new Map<string, number | null>();
  const sums = new Map<string, { n: number; sum: number }>();
  // One order, so the floating-point sums do not depend on the order the store returned.
  const ordered = [...texts].sort(
    (a, b) =>
      compareText(a.task, b.task) ||
      compareText(a.channel, b.channel) ||
      compareText(a.text, b.text),
  );
  for (const t of ordered) {
    if (!cache.has(t.text)) cache.set(t.text, score(t.text));
    const s = cache.get(t.text);
    if (s === null || s === undefined) continue;
    const key = JSON.stringify([t.task, t.channel]);
    const entry = sums.get(key) ?? { n: 0, sum: 0 };
    entry.n += t.count;
    entry.sum += s * t.count;
    sums.set(key, entry);
  }
  return {
    sentimentNote: null,
    tasks: result.tasks.map((task) => ({
      ...task,
      channels: task.channels.map((c) => {
        const entry = sums.get(JSON.stringify([task.task, c.channel]));
        return {
          ...c,
          sentiment: entry ? { responses: entry.n, mean: entry.sum / entry.n } : null,
        };
      }),
    })),
  };
}
