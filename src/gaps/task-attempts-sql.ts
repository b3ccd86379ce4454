import { BROWSER_RULES, type Dimension, OTHER_BROWSER } from "../core/gaps/dimensions.ts";
import type { TaskDefinition } from "../core/gaps/task-spec.ts";
import { likePattern } from "../core/journeys/event-pattern.ts";
import type { JourneyFilters } from "../core/journeys/specs.ts";
import { anyEventMatchSql } from "../journeys/event-match-sql.ts";
import { journeyEventsCte, journeyOrder } from "../journeys/journey-events.ts";
import { profileKey } from "../journeys/journey-profile.ts";
import { traitTextSql } from "../journeys/segment-sql.ts";
import type { SqlParams } from "../journeys/sql-params.ts";
import type { SqlDialect } from "../store/sql-dialect.ts";

const ROLE = { start: 1, success: 2, failure: 3 } as const;

/**
 * CTEs ending in `task_attempts(task, window_ms, profile_id, channel, t, message_id,
 * properties, context, outcome, done_t, done_id)` over the journey events of the filters: one
 * row per start event. The events of each task are numbered per profile in journey order; an
 * attempt's outcome is simply the next task event when that is a success or failure within the
 * window (the next start closes an attempt) — one window pass, no self-join; the start event's
 * properties and context are joined back after it, so the sort moves narrow rows. The reference is
 * `taskAttempts` in src/core/gaps/attempts-reference.ts.
 */
export function taskAttemptsCtes(
  dialect: SqlDialect,
  filters: JourneyFilters,
  tasks: readonly TaskDefinition[],
  params: SqlParams,
): string {
  const selects = tasks.map((task) => {
    const start = () => anyEventMatchSql("event", [task.start], params);
    const success = () => anyEventMatchSql("event", task.success, params);
    const failure = () => anyEventMatchSql("event", task.failure, params);
    return `SELECT CAST(${params.add(task.name)} AS TEXT) AS task,
        CAST(${params.add(task.windowMs)} AS BIGINT) AS window_ms,
        CASE WHEN ${start()} THEN ${ROLE.start} WHEN ${success()} THEN ${ROLE.success}
          ELSE ${ROLE.failure} END AS role,
        profile_id, channel, t, message_id
      FROM journey_events WHERE ${start()} OR ${success()} OR ${failure()}`;
  });
  const inTime = "next_t - t <= window_ms";
  return `${journeyEventsCte(dialect, filters, params)},
    task_rows AS (${selects.join("\n      UNION ALL ")}),
    task_steps AS (
      SELECT task_rows.*, lead(role) OVER w AS next_role, lead(t) OVER w AS next_t,
        lead(message_id) OVER w AS next_id
      FROM task_rows
      WINDOW w AS (PARTITION BY profile_id, task ORDER BY ${journeyOrder(dialect)})),
    task_attempts AS (
      SELECT s.task, s.window_ms, s.profile_id, s.channel, s.t, s.message_id,
        ev.properties, ev.context,
        CASE WHEN next_role = ${ROLE.success} AND ${inTime} THEN 'completed'
          WHEN next_role = ${ROLE.failure} AND ${inTime} THEN 'failed'
          ELSE 'abandoned' END AS outcome,
        CASE WHEN next_role <> ${ROLE.start} AND ${inTime} THEN next_t END AS done_t,
        CASE WHEN next_role <> ${ROLE.start} AND ${inTime} THEN next_id END AS done_id
      FROM task_steps s JOIN events ev ON ev.message_id = s.message_id
      WHERE s.role = ${ROLE.start})`;
}

/** The browser of `context.userAgent` (the reference is `browserOf`). */
function browserSql(dialect: SqlDialect, alias: string, params: SqlParams): string {
  const ua = dialect.jsonText(`${alias}.context`, ["userAgent"]);
  const rules = BROWSER_RULES.map(
    ([browser, tokens]) =>
      `WHEN ${tokens.map((t) => `${ua} LIKE ${params.add(likePattern(`*${t}*`))} ESCAPE '\\'`).join(" OR ")} THEN ${params.add(browser)}`,
  );
  return `CASE WHEN ${ua} IS NULL OR ${ua} = '' THEN NULL ${rules.join(" ")} ELSE ${params.add(OTHER_BROWSER)} END`;
}

/**
 * CTE `task_dims`: the attempts with one column `d0 … dn` per dimension (start-event values;
 * traits as the profile's latest non-null value over all its events).
 */
export function taskDimensionsCte(
  dialect: SqlDialect,
  dimensions: readonly Dimension[],
  params: SqlParams,
): string {
  const traits = dimensions.filter((d) => d.source === "trait");
  const ctes: string[] = [];
  if (traits.length > 0) {
    const { join, key } = profileKey(dialect, "e");
    const order = ["e.timestamp", dialect.binaryText("e.message_id")];
    const texts = traits.map((d) => traitTextSql(dialect, "e", d.path[0] ?? ""));
    const columns = texts.map(
      (text, i) =>
        `${dialect.firstBy(text, order, { last: true, filter: `${text} IS NOT NULL` })} AS tr${i}`,
    );
    // Only rows that carry one of the traits are grouped (few: identify calls, mostly).
    ctes.push(`profile_dims AS (
      SELECT ${key} AS profile_id, ${columns.join(", ")}
      FROM events e ${join}
      WHERE (${texts.map((t) => `${t} IS NOT NULL`).join(" OR ")})
        AND ${key} IN (SELECT profile_id FROM task_attempts)
      GROUP BY 1)`);
  }
  let trait = 0;
  const columns = dimensions.map((d, i) => {
    const value =
      d.source === "trait"
        ? `pd.tr${trait++}`
        : d.source === "browser"
          ? browserSql(dialect, "a", params)
          : dialect.jsonText(`a.${d.source}`, d.path);
    return `${value} AS d${i}`;
  });
  ctes.push(`task_dims AS MATERIALIZED (
    SELECT a.task, a.profile_id, a.channel, a.outcome${columns.map((c) => `, ${c}`).join("")}
    FROM task_attempts a
    ${traits.length > 0 ? "LEFT JOIN profile_dims pd ON pd.profile_id = a.profile_id" : ""})`);
  return ctes.join(",\n");
}
