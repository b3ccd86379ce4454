import type { JourneyFilters } from "../core/journeys/specs.ts";
import type { SqlDialect } from "../store/sql-dialect.ts";
import type { JourneySource } from "./journey-index.ts";
import { profileKey } from "./journey-profile.ts";
import { segmentProfilesCte } from "./segment-sql.ts";
import type { SqlParams } from "./sql-params.ts";

/**
 * ORDER BY list of journey order within a profile: timestamp, ties by message id — or, read
 * from the journey index, its stored position (the same order, as one INTEGER).
 */
export const journeyOrder = (
  dialect: SqlDialect,
  alias?: string,
  source: JourneySource = "live",
) => {
  const at = alias ? `${alias}.` : "";
  return source === "index" ? `${at}pos` : `${at}t, ${dialect.binaryText(`${at}message_id`)}`;
};

/**
 * CTEs ending in `journey_events(profile_id, event, channel, timestamp, t, message_id, type,
 * properties, traits, context)`: named events (track/page/screen) in the date range, on the
 * channels, of profiles in the segment; `t` is the time in ms since the epoch (BIGINT). Every
 * journey query is written over this CTE, so the profile key and filters live here only.
 */
export function journeyEventsCte(
  dialect: SqlDialect,
  filters: JourneyFilters,
  params: SqlParams,
  source: JourneySource = "live",
): string {
  if (source === "index") return indexedEventsCte(dialect, filters, params);
  const { join, key } = profileKey(dialect, "e");
  const { ctes, where } = filterSql(dialect, filters, params, {
    alias: "e",
    inSegment: `${key} IN (SELECT profile_id FROM segment_profiles)`,
  });
  where.unshift("e.event IS NOT NULL");
  ctes.push(`journey_events AS (
    SELECT ${key} AS profile_id, e.event, e.channel, e.timestamp,
      CAST(floor(${dialect.epochMs("e.timestamp")}) AS BIGINT) AS t,
      e.message_id, e.type, e.properties, e.traits, e.context
    FROM events e ${join}
    WHERE ${where.join(" AND ")})`);
  return ctes.join(",\n");
}

/**
 * `journey_events(profile_id, event, channel, timestamp, t, message_id, pos, prev_…, first_…,
 * step…)` from the journey index (only when it is current: `journeySource`): `profile_id` is
 * the INTEGER `pid` (`journey_index_profiles` names it), `pos` the journey order, `prev_…` the
 * previous event of the whole journey (before filters), `first_…` its first occurrences, and
 * the step sequences (`refreshJourneyIndex`). No properties, traits or context: analyses that
 * need them read live. Same filters as the live CTE.
 */
function indexedEventsCte(dialect: SqlDialect, filters: JourneyFilters, params: SqlParams) {
  const { ctes, where } = filterSql(dialect, filters, params, {
    alias: "i",
    inSegment: `i.pid IN (SELECT d.pid FROM journey_index_profiles d
      WHERE d.profile_id IN (SELECT profile_id FROM segment_profiles))`,
  });
  where.unshift("TRUE");
  // Not materialized: a query that reads it several times scans the index again for just the
  // columns it needs, cheaper than writing every column of every event aside first.
  ctes.push(`journey_events AS NOT MATERIALIZED (
    SELECT i.pid AS profile_id, i.event, i.channel, i.timestamp, i.t, i.message_id, i.pos,
      i.prev_event, i.prev_channel, i.prev_t, i.prev_timestamp, i.first_of_event,
      i.first_of_transition, i.step, i.prev_step, i.prev_step2, i.prev_step3, i.first_of_gram1,
      i.first_of_gram2, i.first_of_gram3, i.first_of_gram4
    FROM journey_index i
    WHERE ${where.join(" AND ")})`);
  return ctes.join(",\n");
}

/**
 * SQL predicate over an index `journey_events` row read without a channel filter: its stored
 * previous event is the previous one of the filtered journey. A date range keeps a contiguous
 * part of each journey (journey order is by whole milliseconds first, and `from`/`to` are whole
 * milliseconds: JourneyFiltersSchema) and a segment whole journeys, so it is when there is one
 * and a start date does not cut it off. (A channel filter removes events in between.)
 */
export function previousInRange(
  dialect: SqlDialect,
  filters: JourneyFilters,
  params: SqlParams,
  alias?: string,
): string {
  const at = alias ? `${alias}.` : "";
  return filters.from
    ? `${at}prev_timestamp >= ${dialect.timestampParam(params.add(filters.from))}`
    : `${at}prev_timestamp IS NOT NULL`;
}

/** The journey filters as WHERE terms over `alias` (and the segment's CTE, if any). */
function filterSql(
  dialect: SqlDialect,
  filters: JourneyFilters,
  params: SqlParams,
  options: { alias: string; inSegment: string },
): { ctes: string[]; where: string[] } {
  const a = options.alias;
  const ctes: string[] = [];
  const where: string[] = [];
  if (filters.from)
    where.push(`${a}.timestamp >= ${dialect.timestampParam(params.add(filters.from))}`);
  if (filters.to) where.push(`${a}.timestamp < ${dialect.timestampParam(params.add(filters.to))}`);
  if (filters.channels) {
    where.push(`${a}.channel IN (${filters.channels.map((c) => params.add(c)).join(", ")})`);
  }
  if (filters.segment) {
    ctes.push(segmentProfilesCte(dialect, filters.segment, params, "segment_profiles"));
    where.push(options.inSegment);
  }
  return { ctes, where };
}
