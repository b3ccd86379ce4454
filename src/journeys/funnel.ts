import type {
  FunnelBucket,
  FunnelCounts,
  FunnelResult,
  FunnelWeek,
} from "../core/journeys/funnel-result.ts";
import { funnelResult } from "../core/journeys/funnel-result.ts";
import { WEEK_MS } from "../core/journeys/journey-log.ts";
import type { Breakdown, FunnelSpec } from "../core/journeys/specs.ts";
import type { EventStore } from "../store/event-store.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";
import { funnelProfilesCtes } from "./funnel-sql.ts";
import { type JourneySource, journeySource } from "./journey-index.ts";
import { profileKey } from "./journey-profile.ts";
import { segmentAggregateSql, traitTextSql } from "./segment-sql.ts";
import { type BuiltQuery, SqlParams } from "./sql-params.ts";

// 1970-01-05, the first Monday after the epoch: weeks start on Mondays (UTC).
const FIRST_MONDAY_MS = 4 * 86_400_000;

/** The breakdown value of an event row (channel, property) or a per-profile CTE (trait, segment). */
function breakdownSql(dialect: SqlDialect, breakdown: Breakdown | undefined, params: SqlParams) {
  if (!breakdown) return {};
  if (breakdown.by === "channel") return { entryValue: "channel" };
  if (breakdown.by === "property") {
    return { entryValue: dialect.jsonText("properties", [breakdown.key]) };
  }
  const { join, key } = profileKey(dialect, "e");
  const value =
    breakdown.by === "trait"
      ? dialect.firstBy(
          traitTextSql(dialect, "e", breakdown.key),
          ["e.timestamp", dialect.binaryText("e.message_id")],
          { last: true, filter: `${traitTextSql(dialect, "e", breakdown.key)} IS NOT NULL` },
        )
      : `CASE ${breakdown.segments
          .map(
            (s) =>
              `WHEN ${segmentAggregateSql(dialect, s.segment, params)} THEN ${params.add(s.name)}`,
          )
          .join(" ")} END`;
  return {
    profileCte: `breakdown_values AS (
      SELECT ${key} AS profile_id, ${value} AS value
      FROM events e ${join}
      WHERE ${key} IN (SELECT profile_id FROM funnel_profiles)
      GROUP BY 1)`,
  };
}

/** The funnel query: per-step counts and timings, per week, and per breakdown bucket. */
export function funnelSql(
  dialect: SqlDialect,
  spec: FunnelSpec,
  source: JourneySource = "live",
): BuiltQuery {
  const params = new SqlParams();
  const n = spec.steps.length;
  const breakdown = breakdownSql(dialect, spec.breakdown, params);
  const ctes = [
    funnelProfilesCtes(dialect, spec, params, { entryValue: breakdown.entryValue, source }),
  ];
  if (breakdown.profileCte) ctes.push(breakdown.profileCte);
  const rawValue = breakdown.profileCte
    ? "breakdown_values.value"
    : breakdown.entryValue
      ? "funnel_profiles.entry_value"
      : "CAST(NULL AS TEXT)";
  ctes.push(`funnel_weeks AS (
    SELECT funnel_profiles.*, ${rawValue} AS raw_value,
      entry_t - ((entry_t - ${FIRST_MONDAY_MS}) % ${WEEK_MS} + ${WEEK_MS}) % ${WEEK_MS} AS week
    FROM funnel_profiles
    ${breakdown.profileCte ? "LEFT JOIN breakdown_values ON breakdown_values.profile_id = funnel_profiles.profile_id" : ""})`);
  const sets = ["(week)", "()"];
  let from = "funnel_weeks";
  if (spec.breakdown) {
    // Buckets beyond the limit are gathered in one "other" bucket: no profile is lost.
    ctes.push(`bucket_ranks AS (
      SELECT coalesce(raw_value, '') AS value_key, raw_value IS NULL AS value_null,
        row_number() OVER (ORDER BY count(*) DESC, ${dialect.binaryText("raw_value")} NULLS LAST) AS bucket_rank
      FROM funnel_weeks GROUP BY raw_value)`);
    ctes.push(`funnel_buckets AS (
      SELECT funnel_weeks.*,
        CASE WHEN bucket_rank <= ${params.add(spec.breakdownLimit)} THEN raw_value END AS bucket_value,
        bucket_rank > ${params.add(spec.breakdownLimit)} AS bucket_other
      FROM funnel_weeks JOIN bucket_ranks
        ON coalesce(raw_value, '') = value_key AND (raw_value IS NULL) = value_null)`);
    sets.unshift("(bucket_value, bucket_other)");
    from = "funnel_buckets";
  }
  const counts = Array.from({ length: n }, (_, i) => i + 1).map(
    (k) => `count(*) FILTER (WHERE furthest >= ${k}) AS p_${k}`,
  );
  const timings = Array.from({ length: n - 1 }, (_, i) => i + 2).map(
    (k) =>
      `${dialect.percentile(0.5, `gap_${k}`)} AS med_${k}, ${dialect.percentile(0.9, `gap_${k}`)} AS p90_${k}`,
  );
  const groupCols = spec.breakdown ? "bucket_value, bucket_other," : "";
  const sql = `WITH ${ctes.join(",\n")}
    SELECT ${groupCols} week, GROUPING(week) AS g_week,
      ${spec.breakdown ? "GROUPING(bucket_value) AS g_bucket," : "1 AS g_bucket,"}
      ${counts.join(", ")}, ${timings.join(", ")}
    FROM ${from}
    GROUP BY GROUPING SETS (${sets.join(", ")})`;
  return { sql, values: params.values };
}

function rowCounts(row: Record<string, unknown>, n: number): FunnelCounts {
  const steps = Array.from({ length: n }, (_, i) => i + 1);
  const ms = (v: unknown) => (v === null || v === undefined ? null : num(v));
  return {
    profiles: steps.map((k) => num(row[`p_${k}`])),
    medianMs: steps.map((k) => (k === 1 ? null : ms(row[`med_${k}`]))),
    p90Ms: steps.map((k) => (k === 1 ? null : ms(row[`p90_${k}`]))),
  };
}

/** Shapes the rows of `funnelSql` into the total, weeks and buckets. */
export function funnelRows(rows: Record<string, unknown>[], n: number) {
  let total: FunnelCounts = {
    profiles: Array(n).fill(0),
    medianMs: Array(n).fill(null),
    p90Ms: Array(n).fill(null),
  };
  const weeks: FunnelWeek[] = [];
  const buckets: FunnelBucket[] = [];
  for (const row of rows) {
    const counts = rowCounts(row, n);
    const inWeek = num(row.g_week) === 0;
    const inBucket = num(row.g_bucket) === 0;
    if (inWeek) {
      weeks.push({
        week: num(row.week),
        entered: counts.profiles[0] ?? 0,
        converted: counts.profiles[n - 1] ?? 0,
      });
    } else if (inBucket) {
      const value = row.bucket_value;
      buckets.push({
        value: value === null || value === undefined ? null : String(value),
        other: row.bucket_other === true,
        ...counts,
      });
    } else total = counts;
  }
  return { total, weeks, buckets };
}

/**
 * The journey index has profile, time, event and channel: enough for a funnel without a
 * breakdown or by channel. Property, trait and segment breakdowns read the events live.
 */
const indexable = (spec: FunnelSpec) => !spec.breakdown || spec.breakdown.by === "channel";

/** Runs a funnel on a store (from the journey index when it is current). */
export async function getFunnel(store: EventStore, spec: FunnelSpec): Promise<FunnelResult> {
  const source = indexable(spec) ? await journeySource(store) : "live";
  const { sql, values } = funnelSql(store.dialect, spec, source);
  const { total, weeks, buckets } = funnelRows(await store.query(sql, values), spec.steps.length);
  return funnelResult(spec, total, weeks, spec.breakdown ? buckets : undefined);
}
