import type { FeedbackRow } from "../core/text/feedback-analysis.ts";
import type { FeedbackSpec } from "../core/text/feedback-spec.ts";
import { journeyEventsCte, journeyOrder } from "../journeys/journey-events.ts";
import { type BuiltQuery, SqlParams, sqlInteger } from "../journeys/sql-params.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";

/** `properties.comment` → the dialect's text at that JSON path of the `properties` column. */
function fieldSql(dialect: SqlDialect, field: string): string {
  const [column, ...path] = field.split(".");
  return `nullif(trim(${dialect.jsonText(column as string, path)}), '')`;
}

/** The first non-empty of the configured text fields of an event row (SQL). */
export function feedbackTextSql(dialect: SqlDialect, fields: readonly string[]): string {
  return `coalesce(${fields.map((f) => fieldSql(dialect, f)).join(", ")})`;
}

/**
 * Feedback texts in the filtered journeys (journeyEventsCte: date range, channels, segment),
 * newest first, at most `limit` + 1 rows (the extra row tells the caller it cut). The text is
 * the first non-empty configured field; `previous_event` is the profile's event just before.
 */
export function feedbackSql(
  dialect: SqlDialect,
  spec: FeedbackSpec,
  options: { fields: readonly string[]; limit: number },
): BuiltQuery {
  const params = new SqlParams();
  const text = feedbackTextSql(dialect, options.fields);
  const sql = `WITH ${journeyEventsCte(dialect, spec, params)},
    texts AS (
      SELECT profile_id, event, channel, t, message_id, text,
        CASE WHEN text IS NOT NULL THEN ${dialect.jsonText("properties", ["touchpoint"])} END AS touchpoint,
        CASE WHEN text IS NOT NULL THEN ${dialect.jsonText("properties", ["stage"])} END AS stage
      FROM (SELECT *, ${text} AS text FROM journey_events) j),
    feedback AS (
      -- The JSON is read before the window: only narrow columns are sorted.
      SELECT *,
        lag(event) OVER (PARTITION BY profile_id ORDER BY ${journeyOrder(dialect)}) AS previous_event
      FROM texts)
    SELECT * FROM feedback WHERE text IS NOT NULL
    ORDER BY t DESC, ${dialect.binaryText("message_id")} DESC
    LIMIT ${sqlInteger(options.limit + 1)}`;
  return { sql, values: params.values };
}

const textOrNull = (value: unknown) =>
  value === null || value === undefined ? null : String(value);

export function feedbackRows(rows: Record<string, unknown>[]): FeedbackRow[] {
  return rows.map((row) => ({
    messageId: String(row.message_id),
    profileId: String(row.profile_id),
    event: String(row.event),
    previousEvent: textOrNull(row.previous_event),
    channel: String(row.channel),
    timestamp: num(row.t),
    text: String(row.text),
    touchpoint: textOrNull(row.touchpoint),
    stage: textOrNull(row.stage),
  }));
}
