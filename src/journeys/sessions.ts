import { CHANNELS } from "../core/channel.ts";
import { compareText } from "../core/journeys/journey-log.ts";
import {
  CHANNEL_PATH_SEPARATOR,
  type Session,
  type SessionsResult,
} from "../core/journeys/sessions-reference.ts";
import type { SessionsSpec } from "../core/journeys/specs.ts";
import type { EventStore } from "../store/event-store.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";
import { journeyEventsCte, journeyOrder } from "./journey-events.ts";
import { type BuiltQuery, SqlParams } from "./sql-params.ts";

/** CTEs ending in `sessions(profile_id, session_no, start_t, end_t, events, entry_event, exit_event, channels, channel_count)`. */
function sessionsCtes(dialect: SqlDialect, spec: SessionsSpec, gapMs: number, params: SqlParams) {
  const profileFilter =
    spec.profile !== undefined ? `WHERE profile_id = ${params.add(spec.profile)}` : "";
  return `${journeyEventsCte(dialect, spec, params)},
    ordered AS (
      SELECT profile_id, event, channel, t,
        row_number() OVER w AS pos, t - lag(t) OVER w AS since
      FROM journey_events ${profileFilter}
      WINDOW w AS (PARTITION BY profile_id ORDER BY ${journeyOrder(dialect)})),
    marked AS (
      SELECT ordered.*,
        sum(CASE WHEN since IS NULL OR since > ${params.add(gapMs)} THEN 1 ELSE 0 END)
          OVER (PARTITION BY profile_id ORDER BY pos ROWS UNBOUNDED PRECEDING) AS session_no
      FROM ordered),
    -- A session's channels in order of first use, by rank: an ordered string_agg keeps every
    -- group in memory (out of DuckDB's 1 GB at 10M events); a plain grouping spills. There
    -- are at most as many ranks as known channels (ingestion resolves every channel to one).
    session_channels AS (
      SELECT profile_id, session_no,
        concat_ws(${params.add(CHANNEL_PATH_SEPARATOR)}, ${CHANNELS.map((_, k) => `max(CASE WHEN k = ${k + 1} THEN channel END)`).join(", ")}) AS channels,
        count(*) AS channel_count
      FROM (
        SELECT profile_id, session_no, channel,
          row_number() OVER (PARTITION BY profile_id, session_no ORDER BY first_pos) AS k
        FROM (SELECT profile_id, session_no, channel, min(pos) AS first_pos FROM marked GROUP BY 1, 2, 3) c) r
      GROUP BY profile_id, session_no),
    sessions AS (
      SELECT m.profile_id, m.session_no, min(m.t) AS start_t, max(m.t) AS end_t, count(*) AS events,
        ${dialect.firstBy("m.event", ["m.pos"])} AS entry_event,
        ${dialect.firstBy("m.event", ["m.pos"], { last: true })} AS exit_event,
        min(c.channels) AS channels, min(c.channel_count) AS channel_count
      FROM marked m JOIN session_channels c ON c.profile_id = m.profile_id AND c.session_no = m.session_no
      GROUP BY m.profile_id, m.session_no)`;
}

/** Summary (kind `all`) and counts per channel path, entry and exit event. */
export function sessionsSummarySql(
  dialect: SqlDialect,
  spec: SessionsSpec,
  gapMs: number,
): BuiltQuery {
  const params = new SqlParams();
  const sql = `WITH ${sessionsCtes(dialect, spec, gapMs, params)}
    SELECT channels, entry_event, exit_event,
      GROUPING(channels) AS g_channels, GROUPING(entry_event) AS g_entry_event, GROUPING(exit_event) AS g_exit_event,
      count(*) AS sessions, count(DISTINCT profile_id) AS profiles, sum(events) AS events,
      count(*) FILTER (WHERE channel_count > 1) AS multi_channel,
      ${dialect.percentile(0.5, "end_t - start_t")} AS median_ms,
      ${dialect.percentile(0.9, "end_t - start_t")} AS p90_ms
    FROM sessions
    GROUP BY GROUPING SETS ((), (channels), (entry_event), (exit_event))`;
  return { sql, values: params.values };
}

/** Sessions by profile and start, up to `limit`. */
export function sessionsListSql(
  dialect: SqlDialect,
  spec: SessionsSpec,
  gapMs: number,
): BuiltQuery {
  const params = new SqlParams();
  const sql = `WITH ${sessionsCtes(dialect, spec, gapMs, params)}
    SELECT * FROM sessions ORDER BY ${dialect.binaryText("profile_id")}, session_no
    LIMIT ${params.add(spec.limit)}`;
  return { sql, values: params.values };
}

function top<T>(
  rows: Record<string, unknown>[],
  column: string,
  limit: number,
  make: (key: string, n: number) => T,
) {
  return rows
    .filter((r) => num(r[`g_${column}`]) === 0)
    .map((r) => [String(r[column]), num(r.sessions)] as [string, number])
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .slice(0, limit)
    .map(([key, n]) => make(key, n));
}

export function sessionsResultFromRows(
  spec: SessionsSpec,
  gapMinutes: number,
  summaryRows: Record<string, unknown>[],
  listRows: Record<string, unknown>[],
): SessionsResult {
  const all = summaryRows.find(
    (r) => num(r.g_channels) === 1 && num(r.g_entry_event) === 1 && num(r.g_exit_event) === 1,
  );
  const sessions = all ? num(all.sessions) : 0;
  const ms = (v: unknown) => (v === null || v === undefined ? null : Math.round(num(v)));
  const list: Session[] = listRows.map((r) => ({
    profileId: String(r.profile_id),
    index: num(r.session_no),
    start: new Date(num(r.start_t)).toISOString(),
    end: new Date(num(r.end_t)).toISOString(),
    durationMs: num(r.end_t) - num(r.start_t),
    events: num(r.events),
    channels: String(r.channels).split(CHANNEL_PATH_SEPARATOR),
    entry: String(r.entry_event),
    exit: String(r.exit_event),
  }));
  return {
    gapMinutes,
    sessions,
    profiles: all ? num(all.profiles) : 0,
    medianDurationMs: all ? ms(all.median_ms) : null,
    p90DurationMs: all ? ms(all.p90_ms) : null,
    eventsPerSession: sessions > 0 && all ? num(all.events) / sessions : null,
    multiChannelSessions: all ? num(all.multi_channel) : 0,
    channelPaths: top(summaryRows, "channels", spec.top, (k, n) => ({
      channels: k.split(CHANNEL_PATH_SEPARATOR),
      sessions: n,
    })),
    entries: top(summaryRows, "entry_event", spec.top, (event, n) => ({ event, sessions: n })),
    exits: top(summaryRows, "exit_event", spec.top, (event, n) => ({ event, sessions: n })),
    list,
  };
}

/** Sessions of a store: summary, top channel paths / entries / exits, and a list. */
export async function getSessions(
  store: EventStore,
  spec: SessionsSpec,
  defaultGapMinutes: number,
): Promise<SessionsResult> {
  const gapMinutes = spec.gapMinutes ?? defaultGapMinutes;
  const gapMs = Math.round(gapMinutes * 60_000);
  const summary = sessionsSummarySql(store.dialect, spec, gapMs);
  const list = sessionsListSql(store.dialect, spec, gapMs);
  const [summaryRows, listRows] = await Promise.all([
    store.query(summary.sql, summary.values),
    spec.limit > 0 ? store.query(list.sql, list.values) : Promise.resolve([]),
  ]);
  return sessionsResultFromRows(spec, gapMinutes, summaryRows, listRows);
}
