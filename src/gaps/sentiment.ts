import {
  applySentiment,
  FEEDBACK_TEXT_KEYS,
  type FeedbackTextCount,
} from "../core/gaps/feedback-texts.ts";
import type { TaskDefinition } from "../core/gaps/task-spec.ts";
import type { TasksResult } from "../core/gaps/tasks-result.ts";
import type { JourneyFilters } from "../core/journeys/specs.ts";
import { scoreSentiment } from "../core/text/sentiment.ts";
import { journeyEventsCte } from "../journeys/journey-events.ts";
import { type BuiltQuery, SqlParams } from "../journeys/sql-params.ts";
import type { EventStore } from "../store/event-store.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";

/** Feedback texts about each task per channel (reference: `feedbackTextsReference`). */
export function feedbackTextsSql(
  dialect: SqlDialect,
  filters: JourneyFilters,
  tasks: readonly TaskDefinition[],
): BuiltQuery {
  const params = new SqlParams();
  const text = `coalesce(${FEEDBACK_TEXT_KEYS.map((k) => `NULLIF(${dialect.jsonText("properties", [k])}, '')`).join(", ")})`;
  const selects = tasks.map(
    (task) => `SELECT CAST(${params.add(task.name)} AS TEXT) AS task, channel, text
      FROM feedback WHERE touchpoint IN (${task.touchpoints.map((t) => params.add(t)).join(", ")})`,
  );
  // Touchpoints first: the text's four JSON lookups run only on the events about a task.
  const touchpoints = [...new Set(tasks.flatMap((t) => t.touchpoints))];
  const sql = `WITH ${journeyEventsCte(dialect, filters, params)},
    about_tasks AS (
      SELECT channel, ${dialect.jsonText("properties", ["touchpoint"])} AS touchpoint, properties
      FROM journey_events
      WHERE ${dialect.jsonText("properties", ["touchpoint"])} IN (${touchpoints.map((t) => params.add(t)).join(", ")})),
    feedback AS (SELECT channel, touchpoint, ${text} AS text FROM about_tasks),
    task_feedback AS (${selects.join("\n      UNION ALL ")})
    SELECT task, channel, text, count(*) AS n FROM task_feedback WHERE text IS NOT NULL
    GROUP BY 1, 2, 3`;
  return { sql, values: params.values };
}

export async function getFeedbackTexts(
  store: EventStore,
  filters: JourneyFilters,
  tasks: readonly TaskDefinition[],
): Promise<FeedbackTextCount[]> {
  if (tasks.length === 0) return [];
  const { sql, values } = feedbackTextsSql(store.dialect, filters, tasks);
  const rows = await store.query(sql, values);
  return rows.map((r) => ({
    task: String(r.task),
    channel: String(r.channel),
    text: String(r.text),
    count: num(r.n),
  }));
}

/** The tasks result with the sentiment of related feedback (issue 6's shipped scorers). */
export function withSentiment(
  result: TasksResult,
  texts: readonly FeedbackTextCount[],
): TasksResult {
  return applySentiment(result, texts, (text) => scoreSentiment(text).score);
}
