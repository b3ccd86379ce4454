import {
  type ContinuityAggregates,
  type ContinuityQuery,
  emptyTaskSwitch,
  sortContinuity,
  type TaskSwitchCount,
} from "../core/gaps/continuity-reference.ts";
import { journeyEventsCte, journeyOrder } from "../journeys/journey-events.ts";
import { type BuiltQuery, SqlParams } from "../journeys/sql-params.ts";
import type { EventStore } from "../store/event-store.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";
import { taskAttemptsCtes } from "./task-attempts-sql.ts";

/** `channel NOT IN (…)` for the ignored channels, or TRUE. */
function visible(column: string, ignore: readonly string[], params: SqlParams) {
  return ignore.length > 0
    ? `${column} NOT IN (${ignore.map((c) => params.add(c)).join(", ")})`
    : "TRUE";
}

/** Consecutive events within the window, per channel pair, and the total (docs/channel-consistency.md). */
export function switchesSql(dialect: SqlDialect, query: ContinuityQuery): BuiltQuery {
  const params = new SqlParams();
  const sql = `WITH ${journeyEventsCte(dialect, query.filters, params)},
    pairs AS (
      SELECT profile_id, channel, t, lag(channel) OVER w AS prev_channel, lag(t) OVER w AS prev_t
      FROM journey_events WHERE ${visible("channel", query.ignoreChannels, params)}
      WINDOW w AS (PARTITION BY profile_id ORDER BY ${journeyOrder(dialect)}))
    SELECT prev_channel, channel, GROUPING(prev_channel) AS g_all, count(*) AS n,
      count(DISTINCT profile_id) FILTER (WHERE prev_channel <> channel) AS profiles
    FROM pairs WHERE prev_t IS NOT NULL AND t - prev_t <= ${params.add(query.windowMs)}
    GROUP BY GROUPING SETS ((prev_channel, channel), ())`;
  return { sql, values: params.values };
}

/**
 * Per task attempt: the customer's first event on another channel after the start (not the
 * attempt's own outcome) within the window, and whether the next attempt restarted there.
 */
export function taskSwitchesSql(dialect: SqlDialect, query: ContinuityQuery): BuiltQuery {
  const params = new SqlParams();
  const windowMs = params.add(query.windowMs);
  const order = ["e.t", dialect.binaryText("e.message_id")];
  const first = (value: string) => dialect.firstBy(value, order);
  const sql = `WITH ${taskAttemptsCtes(dialect, query.filters, query.tasks, params)},
    task_chain AS (
      SELECT task, window_ms, profile_id, channel, t, message_id, outcome, done_t, done_id,
        lead(channel) OVER w AS next_channel, lead(t) OVER w AS next_t,
        lead(outcome) OVER w AS next_outcome
      FROM task_attempts
      WINDOW w AS (PARTITION BY profile_id, task ORDER BY ${journeyOrder(dialect)})),
    visible_events AS (
      SELECT profile_id, channel, t, message_id FROM journey_events
      WHERE ${visible("channel", query.ignoreChannels, params)}),
    switched AS (
      SELECT a.task, a.profile_id, a.message_id, ${first("e.channel")} AS to_channel,
        ${first("e.t")} AS to_t, ${first("e.message_id")} AS to_id
      FROM task_chain a JOIN visible_events e ON e.profile_id = a.profile_id
      WHERE e.channel <> a.channel AND e.t >= a.t AND e.t - a.t <= ${windowMs}
        AND (e.t > a.t OR ${dialect.binaryText("e.message_id")} > ${dialect.binaryText("a.message_id")})
        AND (a.done_id IS NULL OR e.message_id <> a.done_id)
      GROUP BY a.task, a.profile_id, a.message_id),
    task_switches AS (
      SELECT a.*, s.to_channel, s.to_t, s.to_id,
        CASE WHEN a.done_t IS NULL THEN s.to_t - a.t <= a.window_ms
          ELSE s.to_t < a.done_t OR (s.to_t = a.done_t
            AND ${dialect.binaryText("s.to_id")} < ${dialect.binaryText("a.done_id")}) END AS within_task,
        a.next_channel = s.to_channel AND a.next_t - a.t <= ${windowMs} AS restarted
      FROM task_chain a LEFT JOIN switched s
        ON s.task = a.task AND s.profile_id = a.profile_id AND s.message_id = a.message_id
      WHERE ${visible("a.channel", query.ignoreChannels, params)})
    SELECT task, channel, to_channel, GROUPING(channel) AS g_all, count(*) AS attempts,
      count(DISTINCT profile_id) AS profiles,
      count(*) FILTER (WHERE within_task) AS within_task,
      ${["completed", "failed", "abandoned"]
        .map(
          (o) => `count(*) FILTER (WHERE outcome = '${o}') AS from_${o},
      count(*) FILTER (WHERE restarted AND next_outcome = '${o}') AS restart_${o}`,
        )
        .join(",\n      ")},
      count(*) FILTER (WHERE restarted) AS restarts
    FROM task_switches
    GROUP BY GROUPING SETS ((task, channel, to_channel), (task))`;
  return { sql, values: params.values };
}

function taskRows(rows: Record<string, unknown>[]) {
  const attempts: ContinuityAggregates["attempts"] = [];
  const taskSwitches: TaskSwitchCount[] = [];
  for (const row of rows) {
    const task = String(row.task);
    if (num(row.g_all) === 1) {
      attempts.push({ task, attempts: num(row.attempts) });
      continue;
    }
    if (row.to_channel === null || row.to_channel === undefined) continue;
    const count = emptyTaskSwitch(task, String(row.channel), String(row.to_channel));
    count.switches = num(row.attempts);
    count.profiles = num(row.profiles);
    count.withinTask = num(row.within_task);
    count.restarts = num(row.restarts);
    for (const o of ["completed", "failed", "abandoned"] as const) {
      count.outcomes[o] = num(row[`from_${o}`]);
      count.restartOutcomes[o] = num(row[`restart_${o}`]);
    }
    taskSwitches.push(count);
  }
  return { attempts, taskSwitches };
}

/** Continuity counts of a store (the reference is `continuityReference`). */
export async function getContinuityAggregates(
  store: EventStore,
  query: ContinuityQuery,
): Promise<ContinuityAggregates> {
  const run = (built: BuiltQuery) => store.query(built.sql, built.values);
  const [pairs, tasks] = await Promise.all([
    run(switchesSql(store.dialect, query)),
    query.tasks.length > 0 ? run(taskSwitchesSql(store.dialect, query)) : Promise.resolve([]),
  ]);
  const total = pairs.find((r) => num(r.g_all) === 1);
  return sortContinuity({
    transitions: total ? num(total.n) : 0,
    switchingProfiles: total ? num(total.profiles) : 0,
    switches: pairs
      .filter((r) => num(r.g_all) === 0 && r.prev_channel !== r.channel)
      .map((r) => ({
        from: String(r.prev_channel),
        to: String(r.channel),
        switches: num(r.n),
        profiles: num(r.profiles),
      })),
    ...taskRows(tasks),
  });
}
