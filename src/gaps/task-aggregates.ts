import type { Dimension } from "../core/gaps/dimensions.ts";
import {
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
} from "../core/gaps/task-aggregates.ts";
import type { TaskDefinition } from "../core/gaps/task-spec.ts";
import type { JourneyFilters } from "../core/journeys/specs.ts";
import { journeyEventsCte } from "../journeys/journey-events.ts";
import { type BuiltQuery, SqlParams } from "../journeys/sql-params.ts";
import type { EventStore } from "../store/event-store.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";
import { taskAttemptsCtes, taskDimensionsCte } from "./task-attempts-sql.ts";

export interface TaskQuery {
  filters: JourneyFilters;
  tasks: readonly TaskDefinition[];
  dimensions: readonly Dimension[];
}

const counts = `count(*) AS attempts, count(DISTINCT profile_id) AS profiles,
  count(*) FILTER (WHERE outcome = 'completed') AS completed,
  count(*) FILTER (WHERE outcome = 'failed') AS failed,
  count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned`;

/**
 * Attempts per task × channel (kind `channel`); per task × channel × value of each dimension
 * (`value`: every attempt is unfolded into one row per dimension with `LATERAL (VALUES …)`,
 * then grouped once — GROUPING SETS with distinct counts cost twice as much); with two or more
 * dimensions, per combination of all their values (`combination`, counts only), from which
 * `attemptRows` adds up the pairs.
 */
export function attemptCountsSql(dialect: SqlDialect, query: TaskQuery): BuiltQuery {
  const params = new SqlParams();
  const ctes = [taskAttemptsCtes(dialect, query.filters, query.tasks, params)];
  const dims = query.dimensions.map((_, i) => `d${i}`);
  ctes.push(taskDimensionsCte(dialect, query.dimensions, params));
  const noDims = dims.map(() => ", CAST(NULL AS TEXT)").join("");
  const parts = [
    `SELECT 'channel' AS kind, task, channel, CAST(NULL AS INTEGER) AS dim,
      CAST(NULL AS TEXT) AS value${dims.map((d) => `, CAST(NULL AS TEXT) AS ${d}`).join("")}, ${counts}
    FROM task_dims GROUP BY task, channel`,
  ];
  if (dims.length > 0) {
    const unfolded = dims.map((d, i) => `(${i}, ${d})`).join(", ");
    parts.push(`SELECT 'value', task, channel, x.dim, x.value${noDims}, ${counts}
    FROM task_dims CROSS JOIN LATERAL (VALUES ${unfolded}) AS x(dim, value)
    GROUP BY task, channel, x.dim, x.value`);
  }
  if (dims.length > 1) {
    parts.push(`SELECT 'combination', task, channel, NULL, NULL${dims.map((d) => `, ${d}`).join("")},
      count(*), NULL, count(*) FILTER (WHERE outcome = 'completed'),
      count(*) FILTER (WHERE outcome = 'failed'), count(*) FILTER (WHERE outcome = 'abandoned')
    FROM task_dims GROUP BY task, channel${dims.map((d) => `, ${d}`).join("")}`);
  }
  const sql = `WITH ${ctes.join(",\n")}
    ${parts.join("\n    UNION ALL\n    ")}`;
  return { sql, values: params.values };
}

/** Completed attempts per task × channel × time to complete (ms). */
export function durationsSql(dialect: SqlDialect, query: TaskQuery): BuiltQuery {
  const params = new SqlParams();
  const sql = `WITH ${taskAttemptsCtes(dialect, query.filters, query.tasks, params)}
    SELECT task, channel, done_t - t AS ms, count(*) AS n
    FROM task_attempts WHERE outcome = 'completed'
    GROUP BY 1, 2, 3`;
  return { sql, values: params.values };
}

/** CSAT / CES responses about each task (`properties.touchpoint`) per channel and score. */
export function scoresSql(dialect: SqlDialect, query: TaskQuery): BuiltQuery {
  const params = new SqlParams();
  const text = (key: string) => dialect.jsonText("properties", [key]);
  const selects = query.tasks.map(
    (task) => `SELECT CAST(${params.add(task.name)} AS TEXT) AS task, channel, survey, score
      FROM survey_rows
      WHERE touchpoint IN (${task.touchpoints.map((t) => params.add(t)).join(", ")})`,
  );
  const sql = `WITH ${journeyEventsCte(dialect, query.filters, params)},
    survey_rows AS (
      SELECT channel, ${text("survey_type")} AS survey, ${dialect.toNumber(text("score"))} AS score,
        ${text("touchpoint")} AS touchpoint
      FROM journey_events
      WHERE event = ${params.add(SURVEY_EVENT)}
        AND ${text("survey_type")} IN (${SURVEY_TYPES.map((s) => params.add(s)).join(", ")})),
    task_scores AS (${selects.join("\n      UNION ALL ")})
    SELECT task, channel, survey, score, count(*) AS n
    FROM task_scores WHERE score IS NOT NULL
    GROUP BY 1, 2, 3, 4`;
  return { sql, values: params.values };
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

function attemptRows(rows: Record<string, unknown>[], dimensions: number) {
  const channels: ChannelCounts[] = [];
  const byValue: DimensionCounts[] = [];
  const pairs = new Map<string, PairCounts>();
  for (const row of rows) {
    const base = {
      task: String(row.task),
      channel: String(row.channel),
      attempts: num(row.attempts),
      profiles: num(row.profiles),
      completed: num(row.completed),
      failed: num(row.failed),
    };
    if (row.kind === "channel") channels.push({ ...base, abandoned: num(row.abandoned) });
    else if (row.kind === "value") {
      byValue.push({ ...base, dimension: num(row.dim), value: text(row.value) });
    } else {
      // A combination of every dimension's value: it counts towards each pair of them.
      for (let i = 0; i < dimensions; i++) {
        for (let j = i + 1; j < dimensions; j++) {
          const firstValue = text(row[`d${i}`]);
          const secondValue = text(row[`d${j}`]);
          const key = JSON.stringify([base.task, base.channel, i, j, firstValue, secondValue]);
          const make = (): PairCounts => ({
            task: base.task,
            channel: base.channel,
            first: i,
            second: j,
            firstValue,
            secondValue,
            attempts: 0,
            completed: 0,
            failed: 0,
          });
          bump(pairs, key, make, (pair) => {
            pair.attempts += base.attempts;
            pair.completed += base.completed;
            pair.failed += base.failed;
          });
        }
      }
    }
  }
  return { channels, dimensions: byValue, pairs: [...pairs.values()] };
}

/** The counts the task metrics and gap analysis are computed from (3 queries). */
export async function getTaskAggregates(
  store: EventStore,
  query: TaskQuery,
): Promise<TaskAggregates> {
  if (query.tasks.length === 0) {
    return { channels: [], dimensions: [], pairs: [], durations: [], scores: [] };
  }
  const run = (built: BuiltQuery) => store.query(built.sql, built.values);
  const [attempts, durations, scores] = await Promise.all([
    run(attemptCountsSql(store.dialect, query)),
    run(durationsSql(store.dialect, query)),
    run(scoresSql(store.dialect, query)),
  ]);
  return sortAggregates({
    ...attemptRows(attempts, query.dimensions.length),
    durations: durations.map(
      (r): DurationCount => ({
        task: String(r.task),
        channel: String(r.channel),
        ms: num(r.ms),
        count: num(r.n),
      }),
    ),
    scores: scores.map(
      (r): ScoreCount => ({
        task: String(r.task),
        channel: String(r.channel),
        survey: String(r.survey) as SurveyType,
        score: num(r.score),
        count: num(r.n),
      }),
    ),
  });
}
