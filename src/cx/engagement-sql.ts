import type { CxConfig } from "../core/cx/cx-config.ts";
import { scoreKey, weightTotal } from "../core/cx/engagement.ts";
import type { EngagementRows } from "../core/cx/engagement-reference.ts";
import type { EngagementSpec } from "../core/cx/specs.ts";
import { compareText } from "../core/journeys/journey-log.ts";
import { anyEventMatchSql } from "../journeys/event-match-sql.ts";
import { journeyEventsCte } from "../journeys/journey-events.ts";
import { type BuiltQuery, SqlParams, sqlInteger } from "../journeys/sql-params.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";
import { profileValuesCte } from "./profile-values-sql.ts";

const DAY = 86_400_000;
const COLUMNS = [
  "kind",
  "dim",
  "value",
  "n",
  ...["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"],
];

/** Engagement per profile (docs/cx.md) and its distribution, groups, top and one profile. */
export function engagementSql(
  dialect: SqlDialect,
  spec: EngagementSpec,
  config: CxConfig,
): BuiltQuery {
  const params = new SqlParams();
  const double = (x: number) => `CAST(${params.add(x)} AS DOUBLE PRECISION)`;
  const q = config.engagement.capPercentile;
  const w = config.engagement.weights;
  const collaborative = anyEventMatchSql("event", config.engagement.collaborativeEvents, params);
  const share = "CAST(collaborative AS DOUBLE PRECISION) / events";
  // least() skips NULLs: a NULL cap (nobody has the signal) must give 0, not 1.
  const norm = (x: string, cap: string) => `least(1.0, coalesce(${x} / ${cap}, 0))`;
  const ctes = [
    journeyEventsCte(dialect, spec, params),
    `eng_profiles AS MATERIALIZED (
      SELECT profile_id, count(DISTINCT t - (t % ${DAY} + ${DAY}) % ${DAY}) AS days,
        count(DISTINCT channel) AS channels, count(DISTINCT event) AS types, count(*) AS events,
        sum(CASE WHEN ${collaborative} THEN 1 ELSE 0 END) AS collaborative
      FROM journey_events GROUP BY profile_id)`,
    `eng_caps AS (
      SELECT ${dialect.percentile(q, "CAST(days AS DOUBLE PRECISION)")} AS cap_days,
        ${dialect.percentile(q, "CAST(channels AS DOUBLE PRECISION)")} AS cap_channels,
        ${dialect.percentile(q, "CAST(types AS DOUBLE PRECISION)")} AS cap_types,
        ${dialect.percentile(q, `CASE WHEN collaborative > 0 THEN ${share} END`)} AS cap_share
      FROM eng_profiles)`,
    `eng_parts AS (
      SELECT profile_id, days, channels, types, events, collaborative,
        ${norm("days", "cap_days")} AS frequency,
        0.5 * ${norm("channels", "cap_channels")} + 0.5 * ${norm("types", "cap_types")} AS diversity,
        ${norm(`(${share})`, "cap_share")} AS depth
      FROM eng_profiles CROSS JOIN eng_caps)`,
    `eng_scores AS MATERIALIZED (
      SELECT *, (100 * (${double(w.frequency)} * frequency + ${double(w.diversity)} * diversity
          + ${double(w.depth)} * depth)) / ${double(weightTotal(config))} AS score
      FROM eng_parts)`,
  ];
  const profileRow = (kind: string) =>
    `'${kind}', 0, profile_id, CAST(NULL AS BIGINT), CAST(days AS DOUBLE PRECISION), channels, types, events, collaborative, frequency, diversity, depth, score, CAST(NULL AS DOUBLE PRECISION)`;
  const parts = [
    `SELECT 'summary', 0, CAST(NULL AS TEXT), count(*), avg(score),
      ${dialect.percentile(0.25, "score")}, ${dialect.percentile(0.5, "score")},
      ${dialect.percentile(0.75, "score")}, ${dialect.percentile(0.9, "score")},
      avg(frequency), avg(diversity), avg(depth), CAST(NULL AS DOUBLE PRECISION),
      CAST(NULL AS DOUBLE PRECISION)
    FROM eng_scores`,
    `SELECT 'caps', 0, NULL, NULL, cap_days, cap_channels, cap_types, cap_share, NULL, NULL, NULL,
      NULL, NULL, NULL FROM eng_caps`,
    `SELECT 'bin', 0, CAST(least(9, floor(score / 10 + 1e-9)) AS TEXT), count(*), NULL, NULL,
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM eng_scores GROUP BY 3`,
    `SELECT * FROM (SELECT ${profileRow("top")} FROM eng_scores
      ORDER BY CAST(floor(score * 1000000 + 0.5) AS BIGINT) DESC, ${dialect.binaryText("profile_id")}
      LIMIT ${sqlInteger(spec.limit)}) top_profiles`,
  ];
  if (spec.profile !== undefined) {
    parts.push(
      `SELECT ${profileRow("profile")} FROM eng_scores WHERE profile_id = ${params.add(spec.profile)}`,
    );
  }
  spec.by.forEach((dimension, i) => {
    const alias = `dim_${i + 1}`;
    ctes.push(
      profileValuesCte(dialect, {
        name: alias,
        of: "eng_scores",
        by: "key" in dimension ? { trait: dimension.key } : { segments: spec.segments ?? [] },
        params,
      }),
    );
    parts.push(`SELECT 'group', ${sqlInteger(i + 1)}, ${alias}.value, count(*), avg(score),
        ${dialect.percentile(0.5, "score")}, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM eng_scores LEFT JOIN ${alias} ON ${alias}.profile_id = eng_scores.profile_id
      GROUP BY 3`);
  });
  const sql = `WITH ${ctes.join(",\n")}
    SELECT ${COLUMNS.join(", ")} FROM (${parts.join("\nUNION ALL\n")}) AS u(${COLUMNS.join(", ")})`;
  return { sql, values: params.values };
}

const numOrNull = (v: unknown) => (v === null || v === undefined ? null : num(v));

/** The rows of `engagementSql` as the reference gives them. */
export function engagementRows(rows: Record<string, unknown>[]): EngagementRows {
  const result: EngagementRows = {
    profiles: 0,
    caps: { activeDays: null, channels: null, interactionTypes: null, collaborativeShare: null },
    meanScore: null,
    percentiles: { p25: null, p50: null, p75: null, p90: null },
    meanParts: { frequency: null, diversity: null, depth: null },
    bins: Array<number>(10).fill(0),
    groups: [],
    top: [],
    profile: null,
  };
  const profileOf = (row: Record<string, unknown>) => ({
    profileId: String(row.value),
    activeDays: num(row.a1),
    channels: num(row.a2),
    interactionTypes: num(row.a3),
    events: num(row.a4),
    collaborative: num(row.a5),
    frequency: num(row.a6),
    diversity: num(row.a7),
    depth: num(row.a8),
    score: num(row.a9),
  });
  for (const row of rows) {
    if (row.kind === "summary") {
      result.profiles = num(row.n);
      result.meanScore = numOrNull(row.a1);
      result.percentiles = {
        p25: numOrNull(row.a2),
        p50: numOrNull(row.a3),
        p75: numOrNull(row.a4),
        p90: numOrNull(row.a5),
      };
      result.meanParts = {
        frequency: numOrNull(row.a6),
        diversity: numOrNull(row.a7),
        depth: numOrNull(row.a8),
      };
    } else if (row.kind === "caps") {
      result.caps = {
        activeDays: numOrNull(row.a1),
        channels: numOrNull(row.a2),
        interactionTypes: numOrNull(row.a3),
        collaborativeShare: numOrNull(row.a4),
      };
    } else if (row.kind === "bin") result.bins[num(row.value)] = num(row.n);
    else if (row.kind === "top") result.top.push(profileOf(row));
    else if (row.kind === "profile") result.profile = profileOf(row);
    else if (row.kind === "group") {
      result.groups.push({
        dim: num(row.dim),
        value: row.value === null || row.value === undefined ? null : String(row.value),
        profiles: num(row.n),
        meanScore: num(row.a1),
        medianScore: num(row.a2),
      });
    }
  }
  // UNION ALL keeps no order: sort as the query's ORDER BY did.
  result.top.sort(
    (a, b) => scoreKey(b.score) - scoreKey(a.score) || compareText(a.profileId, b.profileId),
  );
  return result;
}
