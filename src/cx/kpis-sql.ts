import type { CxConfig } from "../core/cx/cx-config.ts";
import {
  type DigitalRows,
  EMAIL_STEPS,
  type EmailStep,
  type KpiRows,
  type Stat,
} from "../core/cx/kpis-reference.ts";
import { compareText } from "../core/journeys/journey-log.ts";
import type { JourneyFilters } from "../core/journeys/specs.ts";
import { anyEventMatchSql } from "../journeys/event-match-sql.ts";
import { journeyEventsCte } from "../journeys/journey-events.ts";
import { type BuiltQuery, SqlParams } from "../journeys/sql-params.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";

const DAY = 86_400_000;
const WIDTH = 12;
const COLUMNS = ["kind", "label", ...Array.from({ length: WIDTH }, (_, i) => `c${i + 1}`)];

/** A union part: kind, label and up to WIDTH numbers (the rest NULL). */
function part(kind: string, label: string, values: string[], rest: string): string {
  const cells = Array.from({ length: WIDTH }, (_, i) =>
    i < values.length ? `CAST(${values[i]} AS DOUBLE PRECISION)` : "CAST(NULL AS DOUBLE PRECISION)",
  );
  return `SELECT '${kind}', CAST(${label} AS TEXT), ${cells.join(", ")} ${rest}`;
}

/** n, mean, median, p90 of an expression (NULLs ignored). */
const stat = (dialect: SqlDialect, expr: string) => [
  `count(${expr})`,
  `avg(${expr})`,
  dialect.percentile(0.5, expr),
  dialect.percentile(0.9, expr),
];

/** The first of the properties that reads as a number. */
const firstNumberSql = (dialect: SqlDialect, keys: readonly string[], column = "properties") =>
  `coalesce(${keys.map((k) => dialect.toNumber(dialect.jsonText(column, [k]))).join(", ")}, NULL)`;

const yesSql = (dialect: SqlDialect, key: string) =>
  `lower(${dialect.jsonText("properties", [key])}) IN ('true', '1', 'yes')`;

/** Channel KPIs over the journey events (docs/cx.md; the reference is `kpis-reference.ts`). */
export function kpisSql(
  dialect: SqlDialect,
  filters: JourneyFilters,
  options: { config: CxConfig; gapMs: number },
): BuiltQuery {
  const params = new SqlParams();
  const k = options.config.kpis;
  const gap = `CAST(${params.add(options.gapMs)} AS BIGINT)`;
  const order = `t, ${dialect.binaryText("message_id")}`;
  const match = (patterns: readonly string[], column = "event") =>
    anyEventMatchSql(column, patterns, params);
  const view = "je.type IN ('page', 'screen')";
  const emailId = `CASE ${k.email.idProperties
    .map((p, i) => {
      const text = dialect.jsonText("properties", [p]);
      return `WHEN ${text} IS NOT NULL THEN '${i + 1}:' || ${text}`;
    })
    .join(" ")} ELSE 'm:' || message_id END`;
  const emailStep = `CASE ${EMAIL_STEPS.map((s) => `WHEN ${match(k.email[s])} THEN '${s}'`).join(" ")} END`;
  const ctes = [
    journeyEventsCte(dialect, filters, params),
    // The JSON is read before the window sorts, so they move narrow rows.
    `dig_events AS MATERIALIZED (
      SELECT *, lag(t) OVER w AS prev_t, lead(t) OVER w AS next_t
      FROM (SELECT je.profile_id, je.channel, je.event, je.t, je.message_id, ${view} AS is_view,
          ${match(k.conversionEvents, "je.event")} AS converts,
          ${match(k.crashEvents, "je.event")} AS crash,
          CASE WHEN ${view} THEN ${firstNumberSql(dialect, k.loadTimeProperties, "je.properties")} END AS load_ms
        FROM journey_events je
        WHERE je.channel IN ('web', 'app')) d
      WINDOW w AS (PARTITION BY profile_id, channel ORDER BY ${order})),
    dig_marked AS (
      SELECT *, sum(CASE WHEN prev_t IS NULL OR t - prev_t > ${gap} THEN 1 ELSE 0 END)
          OVER (PARTITION BY profile_id, channel ORDER BY ${order} ROWS UNBOUNDED PRECEDING) AS session,
        CASE WHEN is_view AND next_t - t <= ${gap} THEN next_t - t END AS view_ms
      FROM dig_events)`,
    `dig_sessions AS (
      SELECT channel, profile_id, session, count(*) AS events, max(t) - min(t) AS duration,
        max(CASE WHEN converts THEN 1 ELSE 0 END) AS converted,
        max(CASE WHEN crash THEN 1 ELSE 0 END) AS crashed
      FROM dig_marked GROUP BY 1, 2, 3)`,
    `email_steps AS (
      SELECT DISTINCT step, profile_id, email FROM (
        SELECT ${emailStep} AS step, profile_id, ${emailId} AS email FROM journey_events) s
      WHERE step IS NOT NULL)`,
    `chats AS (
      SELECT started, NOT started AND ${yesSql(dialect, k.chat.resolvedProperty)} AS resolved,
        ${firstNumberSql(dialect, k.chat.firstResponseProperties)} AS first_response
      FROM (SELECT properties, ${match(k.chat.started)} AS started, ${match(k.chat.ended)} AS ended
        FROM journey_events) c
      WHERE started OR ended)`,
    `calls AS (
      SELECT ${dialect.jsonText("properties", [k.callCenter.resolvedProperty])} AS outcome,
        ${yesSql(dialect, k.callCenter.resolvedProperty)} AS resolved,
        ${firstNumberSql(dialect, k.callCenter.handleTimeProperties)} AS handle,
        ${firstNumberSql(dialect, k.callCenter.waitProperties)} AS wait
      FROM journey_events WHERE ${match(k.callCenter.calls)})`,
  ];
  const parts = [
    part(
      "channel",
      "channel",
      ["count(*)", "count(DISTINCT profile_id)"],
      "FROM journey_events GROUP BY channel",
    ),
    part(
      "sessions",
      "channel",
      [
        "count(*)",
        "sum(CASE WHEN events = 1 THEN 1 ELSE 0 END)",
        "count(DISTINCT profile_id)",
        "sum(converted)",
        "sum(crashed)",
        "count(DISTINCT CASE WHEN crashed = 1 THEN profile_id END)",
        ...stat(dialect, "duration"),
      ],
      "FROM dig_sessions GROUP BY channel",
    ),
    part(
      "events",
      "channel",
      [
        "sum(CASE WHEN crash THEN 1 ELSE 0 END)",
        ...stat(dialect, "view_ms"),
        ...stat(dialect, "load_ms"),
      ],
      "FROM dig_marked GROUP BY channel",
    ),
    part(
      "daily",
      "channel",
      ["avg(n)"],
      `FROM (SELECT channel, t - (t % ${DAY} + ${DAY}) % ${DAY} AS day, count(DISTINCT profile_id) AS n
        FROM dig_events GROUP BY 1, 2) d GROUP BY channel`,
    ),
    part("email", "step", ["count(*)"], "FROM email_steps GROUP BY step"),
    part(
      "chat",
      "NULL",
      [
        "sum(CASE WHEN started THEN 1 ELSE 0 END)",
        "sum(CASE WHEN started THEN 0 ELSE 1 END)",
        "sum(CASE WHEN resolved THEN 1 ELSE 0 END)",
        ...stat(dialect, "first_response"),
      ],
      "FROM chats",
    ),
    part(
      "calls",
      "NULL",
      [
        "count(*)",
        "count(outcome)",
        "sum(CASE WHEN resolved THEN 1 ELSE 0 END)",
        ...stat(dialect, "handle"),
        ...stat(dialect, "wait"),
      ],
      "FROM calls",
    ),
  ];
  const sql = `WITH ${ctes.join(",\n")}
    SELECT ${COLUMNS.join(", ")} FROM (${parts.join("\nUNION ALL\n")}) AS u(${COLUMNS.join(", ")})`;
  return { sql, values: params.values };
}

const orNull = (v: unknown) => (v === null || v === undefined ? null : num(v));
const statAt = (row: Record<string, unknown>, first: number): Stat => ({
  n: num(row[`c${first}`]),
  mean: orNull(row[`c${first + 1}`]),
  median: orNull(row[`c${first + 2}`]),
  p90: orNull(row[`c${first + 3}`]),
});
const count = (v: unknown) => (v === null || v === undefined ? 0 : num(v));

/** The rows of `kpisSql` as the reference gives them. */
export function kpiRows(rows: Record<string, unknown>[]): KpiRows {
  const result: KpiRows = {
    channels: [],
    digital: [],
    email: Object.fromEntries(EMAIL_STEPS.map((s) => [s, 0])) as Record<EmailStep, number>,
    chat: { started: 0, ended: 0, resolved: 0, firstResponseS: statOf0() },
    callCenter: { calls: 0, withOutcome: 0, resolved: 0, handleTimeS: statOf0(), waitS: statOf0() },
  };
  const digital = new Map<string, Partial<DigitalRows>>();
  const d = (row: Record<string, unknown>) => {
    const channel = String(row.label);
    const entry = digital.get(channel) ?? { channel: channel as "web" | "app" };
    digital.set(channel, entry);
    return entry;
  };
  for (const row of rows) {
    if (row.kind === "channel") {
      result.channels.push({
        channel: String(row.label),
        events: num(row.c1),
        profiles: num(row.c2),
      });
    } else if (row.kind === "sessions") {
      Object.assign(d(row), {
        sessions: num(row.c1),
        bounces: count(row.c2),
        users: num(row.c3),
        converted: count(row.c4),
        crashedSessions: count(row.c5),
        crashedUsers: num(row.c6),
        durationMs: statAt(row, 7),
      });
    } else if (row.kind === "events") {
      Object.assign(d(row), {
        crashEvents: count(row.c1),
        timeOnViewMs: statAt(row, 2),
        loadTimeMs: statAt(row, 6),
      });
    } else if (row.kind === "daily") d(row).dailyActiveAvg = num(row.c1);
    else if (row.kind === "email") result.email[row.label as EmailStep] = num(row.c1);
    else if (row.kind === "chat") {
      result.chat = {
        started: count(row.c1),
        ended: count(row.c2),
        resolved: count(row.c3),
        firstResponseS: statAt(row, 4),
      };
    } else if (row.kind === "calls") {
      result.callCenter = {
        calls: num(row.c1),
        withOutcome: num(row.c2),
        resolved: count(row.c3),
        handleTimeS: statAt(row, 4),
        waitS: statAt(row, 8),
      };
    }
  }
  result.channels.sort((a, b) => compareText(a.channel, b.channel));
  result.digital = (["web", "app"] as const).flatMap((c) => {
    const entry = digital.get(c);
    return entry ? [entry as DigitalRows] : [];
  });
  return result;
}

const statOf0 = (): Stat => ({ n: 0, mean: null, median: null, p90: null });
