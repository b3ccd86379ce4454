import type { JourneyFilters } from "../core/journeys/specs.ts";
import type { SqlDialect } from "../store/sql-dialect.ts";
import { profileKey } from "./journey-profile.ts";
import { segmentProfilesCte } from "./segment-sql.ts";
import type { SqlParams } from "./sql-params.ts";

/** ORDER BY list of journey order within a profile: timestamp, ties by message id. */
export const journeyOrder = (dialect: SqlDialect, alias?: string) => {
  const at = alias ? `${alias}.` : "";
  return `${at}t, ${dialect.binaryText(`${at}message_id`)}`;
};

/**
 * CTEs ending in `journey_events(profile_id, event, channel, timestamp, t, message_id,
 * properties, traits, context)`: named events (track/page/screen) in the date range, on the
 * channels, of profiles in the segment; `t` is the time in ms since the epoch (BIGINT). Every
 * journey query is written over this CTE, so the profile key and filters live here only.
 */
export function journeyEventsCte(
  dialect: SqlDialect,
  filters: JourneyFilters,
  params: SqlParams,
): string {
  const ctes: string[] = [];
  const { join, key } = profileKey(dialect, "e");
  const where = ["e.event IS NOT NULL"];
  if (filters.from)
    where.push(`e.timestamp >= ${dialect.timestampParam(params.add(filters.from))}`);
  if (filters.to) where.push(`e.timestamp < ${dialect.timestampParam(params.add(filters.to))}`);
  if (filters.channels) {
    where.push(`e.channel IN (${filters.channels.map((c) => params.add(c)).join(", ")})`);
  }
  if (filters.segment) {
    ctes.push(segmentProfilesCte(dialect, filters.segment, params, "segment_profiles"));
    where.push(`${key} IN (SELECT profile_id FROM segment_profiles)`);
  }
  ctes.push(`journey_events AS (
    SELECT ${key} AS profile_id, e.event, e.channel, e.timestamp,
      CAST(floor(${dialect.epochMs("e.timestamp")}) AS BIGINT) AS t,
      e.message_id, e.properties, e.traits, e.context
    FROM events e ${join}
    WHERE ${where.join(" AND ")})`);
  return ctes.join(",\n");
}
