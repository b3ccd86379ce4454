import type { Segment } from "../core/journeys/segment.ts";
import { profileKey } from "../journeys/journey-profile.ts";
import { segmentAggregateSql, traitTextSql } from "../journeys/segment-sql.ts";
import type { SqlParams } from "../journeys/sql-params.ts";
import type { SqlDialect } from "../store/sql-dialect.ts";

/**
 * CTE `name(profile_id, value)`: a per-profile group for the profiles of the CTE `of`, judged on
 * all the profile's events (any time, any channel, identify messages too), as funnel
 * breakdowns do (docs/funnels.md): a trait's latest non-null value, or the first named segment
 * the profile is in.
 */
export function profileValuesCte(
  dialect: SqlDialect,
  options: {
    name: string;
    of: string;
    by: { trait: string } | { segments: { name: string; segment: Segment }[] };
    params: SqlParams;
  },
): string {
  const { join, key } = profileKey(dialect, "e");
  const { by, params } = options;
  const value =
    "trait" in by
      ? dialect.firstBy(
          traitTextSql(dialect, "e", by.trait),
          ["e.timestamp", dialect.binaryText("e.message_id")],
          { last: true, filter: `${traitTextSql(dialect, "e", by.trait)} IS NOT NULL` },
        )
      : `CASE ${by.segments
          .map(
            (s) =>
              `WHEN ${segmentAggregateSql(dialect, s.segment, params)} THEN ${params.add(s.name)}`,
          )
          .join(" ")} END`;
  return `${options.name} AS (
    SELECT ${key} AS profile_id, ${value} AS value
    FROM events e ${join}
    WHERE ${key} IN (SELECT profile_id FROM ${options.of})
    GROUP BY 1)`;
}
