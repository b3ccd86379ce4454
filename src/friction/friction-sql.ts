import type { FrictionConfig } from "../core/friction/friction-config.ts";
import type {
  FrictionCounts,
  SignalCounts,
  SignalOptions,
} from "../core/friction/friction-reference.ts";
import { DAY_MS } from "../core/journeys/journey-log.ts";
import type { JourneyFilters } from "../core/journeys/specs.ts";
import { anyEventMatchSql } from "../journeys/event-match-sql.ts";
import { journeyEventsCte, journeyOrder, previousInRange } from "../journeys/journey-events.ts";
import { type BuiltQuery, SqlParams } from "../journeys/sql-params.ts";
import { DUCKDB_DIALECT, num, type SqlDialect } from "../store/sql-dialect.ts";

const double = (params: SqlParams, value: number) =>
  `CAST(${params.add(value)} AS DOUBLE PRECISION)`;
const bigint = (params: SqlParams, value: number) => `CAST(${params.add(value)} AS BIGINT)`;
const count = (flag: string) => `sum(CASE WHEN ${flag} THEN 1 ELSE 0 END)`;

/** SQL predicate: a `journey_events` row is negative feedback (see `isNegativeFeedback`). */
export function negativeFeedbackSql(
  dialect: SqlDialect,
  config: FrictionConfig,
  params: SqlParams,
): string {
  const number = (key: string) => dialect.toNumber(dialect.jsonText("e.properties", [key]));
  const low = [`${number("rating")} <= ${double(params, config.feedback.lowRating)}`];
  for (const [type, score] of Object.entries(config.feedback.lowScores)) {
    low.push(
      `(${dialect.jsonText("e.properties", ["survey_type"])} = ${params.add(type)} AND ${number("score")} <= ${double(params, score)})`,
    );
  }
  // CASE, so that only feedback events have their properties parsed.
  return `CASE WHEN ${anyEventMatchSql("e.event", config.feedback.events, params)} THEN coalesce(${low.join(" OR ")}, FALSE) ELSE FALSE END`;
}

/**
 * The friction signals of every step and transition in one sort (docs/friction.md#signals):
 * steps and profiles become small integer ids (a dictionary each); `lead()` gives each
 * occurrence its next two steps; the events followed by negative feedback are counted from the
 * (few) negative feedback events, joined to their profile's earlier events; the medians of the transitions within sessions
 * are joined back to flag long dwells. Rows: `total`, one per `step` and one
 * per `transition`.
 */
export function frictionSql(
  dialect: SqlDialect,
  filters: JourneyFilters,
  options: SignalOptions,
): BuiltQuery {
  const { config } = options;
  const params = new SqlParams();
  const order = journeyOrder(dialect);
  const end = filters.to
    ? bigint(params, Date.parse(filters.to))
    : "(SELECT max(t) FROM journey_events)";
  const sessionMs = bigint(params, Math.round(options.sessionGapMinutes * 60_000));
  const sql = `WITH ${journeyEventsCte(dialect, filters, params)},
    step_ids AS MATERIALIZED (
      SELECT channel, event, ${anyEventMatchSql("event", config.failureEvents, params)} AS failure,
        row_number() OVER (ORDER BY channel, event) AS sid
      FROM (SELECT DISTINCT channel, event FROM journey_events) d),
    profile_ids AS MATERIALIZED (
      SELECT profile_id, row_number() OVER () AS pid
      FROM (SELECT DISTINCT profile_id FROM journey_events) p),
    marked AS (
      SELECT p.pid, s.sid, s.channel, e.t, e.message_id,
        ${negativeFeedbackSql(dialect, config, params)} AS negative
      FROM journey_events e
      JOIN step_ids s ON s.channel = e.channel AND s.event = e.event
      JOIN profile_ids p ON p.profile_id = e.profile_id),
    seq AS MATERIALIZED (
      SELECT m.*, lead(sid) OVER w AS sid1, lead(t) OVER w AS t1, lead(sid, 2) OVER w AS sid2
      FROM marked m WINDOW w AS (PARTITION BY pid ORDER BY ${order})),
    near_negative AS (
      SELECT s.sid, count(DISTINCT s.message_id) AS negative_after
      FROM (SELECT pid, t, message_id FROM seq WHERE negative) n
      JOIN seq s ON s.pid = n.pid
      WHERE n.t - s.t <= ${bigint(params, Math.round(config.feedback.windowMinutes * 60_000))}
        AND (n.t > s.t OR (n.t = s.t AND ${dialect.binaryText("n.message_id")} > ${dialect.binaryText("s.message_id")}))
      GROUP BY s.sid),
    medians AS (
      SELECT sid, sid1, ${dialect.percentile(0.5, "t1 - t")} AS median
      FROM seq WHERE t1 - t <= ${sessionMs} GROUP BY sid, sid1),
    flagged AS MATERIALIZED (
      SELECT s.pid, s.sid, s.sid1, md.median,
        (s.t1 IS NULL AND ${end} - s.t >= ${bigint(params, Math.round(config.stallDays * DAY_MS))}) AS drop_off,
        (s.sid1 = s.sid) AS repeated,
        (s.sid2 = s.sid AND s.sid1 <> s.sid) AS looped,
        coalesce(s.t1 - s.t <= ${sessionMs} AND s.t1 - s.t > ${double(params, config.dwellFactor)} * md.median, FALSE) AS long_dwell,
        (nx.channel <> s.channel AND s.t1 - s.t <= ${bigint(params, Math.round(config.channelSwitchMinutes * 60_000))}) AS switched
      FROM seq s
      LEFT JOIN medians md ON md.sid = s.sid AND md.sid1 = s.sid1
      LEFT JOIN step_ids nx ON nx.sid = s.sid1),
    step_rows AS (
      SELECT sid, count(*) AS n, count(DISTINCT pid) AS profiles,
        ${count("drop_off")} AS drop_off, ${count("repeated")} AS repeated,
        ${count("looped")} AS looped, ${count("long_dwell")} AS long_dwell,
        ${count("switched")} AS switched
      FROM flagged GROUP BY sid),
    transition_rows AS (
      SELECT sid, sid1, count(*) AS n, count(DISTINCT pid) AS profiles, max(median) AS median,
        ${count("long_dwell")} AS long_dwell, ${count("switched")} AS switched
      FROM flagged WHERE sid1 IS NOT NULL GROUP BY sid, sid1)
    SELECT 'total' AS kind, NULL AS channel, NULL AS event, NULL AS c1, NULL AS e1,
      (SELECT count(*) FROM journey_events) AS n, (SELECT count(*) FROM profile_ids) AS profiles,
      CAST(NULL AS DOUBLE PRECISION) AS median, NULL AS failure, NULL AS drop_off, NULL AS repeated,
      NULL AS looped, NULL AS long_dwell, NULL AS switched, NULL AS negative_after
    UNION ALL
    SELECT 'step', s.channel, s.event, NULL, NULL, r.n, r.profiles, NULL,
      CASE WHEN s.failure THEN r.n ELSE 0 END, r.drop_off, r.repeated, r.looped, r.long_dwell,
      r.switched, coalesce(nn.negative_after, 0)
    FROM step_rows r JOIN step_ids s ON s.sid = r.sid LEFT JOIN near_negative nn ON nn.sid = r.sid
    UNION ALL
    SELECT 'transition', a.channel, a.event, b.channel, b.event, r.n, r.profiles, r.median,
      NULL, NULL, NULL, NULL, r.long_dwell, r.switched, NULL
    FROM transition_rows r JOIN step_ids a ON a.sid = r.sid JOIN step_ids b ON b.sid = r.sid1`;
  return { sql, values: params.values };
}

/**
 * `frictionSql`'s rows from the journey index (DuckDB, only when it is current and there is
 * no channel filter: the stored previous steps are those of the whole journey). No sort: each
 * event carries its step and the two before it, so every signal that looks ahead from an
 * occurrence is counted at the event after it (repeats, long dwells and channel switches at
 * the next, loops at the one after that, each only when those events are in the range), and
 * profiles are counted by the first-occurrence flags (distinct, from a start date on: the
 * first may be before it). Drop-offs are the last event of each profile in the range; the
 * events before negative feedback are found by joining the (few) negative feedback events to
 * their profile's earlier events by position.
 */
export function indexedFrictionSql(filters: JourneyFilters, options: SignalOptions): BuiltQuery {
  const { config } = options;
  const params = new SqlParams();
  const end = filters.to
    ? bigint(params, Date.parse(filters.to))
    : "(SELECT max(t) FROM journey_events)";
  const sessionMs = bigint(params, Math.round(options.sessionGapMinutes * 60_000));
  const gap = "(e.t - e.prev_t)";
  // An event's previous one may be outside the filtered journey (before the start date, or
  // none), and from a start date on its first occurrence may be before it (then profiles are
  // counted distinct).
  const inRange = previousInRange(DUCKDB_DIALECT, filters, params, "e");
  const profiles = (firstFlag: string) =>
    filters.from ? "count(DISTINCT e.profile_id)" : count(firstFlag);
  const sql = `WITH ${journeyEventsCte(DUCKDB_DIALECT, filters, params, "index")},
    medians AS MATERIALIZED (
      SELECT e.prev_step, e.step, ${DUCKDB_DIALECT.percentile(0.5, gap)} AS median
      FROM journey_events e WHERE ${gap} <= ${sessionMs} AND ${inRange}
      GROUP BY e.prev_step, e.step),
    transition_rows AS MATERIALIZED (
      SELECT e.prev_step, e.step, count(*) AS n, ${profiles("e.first_of_gram2")} AS profiles,
        max(m.median) AS median,
        ${count(`${gap} <= ${sessionMs} AND ${gap} > ${double(params, config.dwellFactor)} * m.median`)} AS long_dwell,
        ${count(`e.prev_channel <> e.channel AND ${gap} <= ${bigint(params, Math.round(config.channelSwitchMinutes * 60_000))}`)} AS switched
      FROM journey_events e
      LEFT JOIN medians m ON m.prev_step = e.prev_step AND m.step = e.step
      WHERE ${inRange} GROUP BY e.prev_step, e.step),
    journeys AS MATERIALIZED (
      SELECT profile_id, min(pos) AS first_pos, arg_max(step, pos) AS last_step, max(t) AS last_t
      FROM journey_events GROUP BY profile_id),
    loops AS (
      SELECT e.prev_step2 AS step, count(*) AS looped
      FROM journey_events e JOIN journeys j ON j.profile_id = e.profile_id
      WHERE e.prev_step2 = e.step AND e.prev_step <> e.step AND e.pos - 2 >= j.first_pos
      GROUP BY e.prev_step2),
    negatives AS MATERIALIZED (
      SELECT j.profile_id, j.pos, j.t
      FROM journey_events j JOIN events e ON e.message_id = j.message_id
      WHERE ${negativeFeedbackSql(DUCKDB_DIALECT, config, params)}),
    near_negative AS (
      SELECT step, count(*) AS negative_after FROM (
        SELECT DISTINCT s.profile_id, s.pos, s.step
        FROM negatives n JOIN journey_events s ON s.profile_id = n.profile_id
        WHERE s.pos < n.pos AND n.t - s.t <= ${bigint(params, Math.round(config.feedback.windowMinutes * 60_000))}) d
      GROUP BY step),
    step_rows AS (
      SELECT e.step, count(*) AS n, ${profiles("e.first_of_gram1")} AS profiles
      FROM journey_events e GROUP BY e.step),
    ahead AS (
      SELECT prev_step AS step, sum(CASE WHEN prev_step = step THEN n ELSE 0 END) AS repeated,
        sum(long_dwell) AS long_dwell, sum(switched) AS switched
      FROM transition_rows GROUP BY prev_step),
    drop_offs AS (
      SELECT last_step AS step,
        ${count(`${end} - last_t >= ${bigint(params, Math.round(config.stallDays * DAY_MS))}`)} AS drop_off
      FROM journeys GROUP BY last_step),
    steps AS (
      SELECT step, channel, event, ${anyEventMatchSql("event", config.failureEvents, params)} AS failure
      FROM journey_index_steps)
    SELECT 'total' AS kind, NULL AS channel, NULL AS event, NULL AS c1, NULL AS e1,
      (SELECT count(*) FROM journey_events) AS n, (SELECT count(*) FROM journeys) AS profiles,
      CAST(NULL AS DOUBLE PRECISION) AS median, NULL AS failure, NULL AS drop_off, NULL AS repeated,
      NULL AS looped, NULL AS long_dwell, NULL AS switched, NULL AS negative_after
    UNION ALL
    SELECT 'step', s.channel, s.event, NULL, NULL, r.n, r.profiles, NULL,
      CASE WHEN s.failure THEN r.n ELSE 0 END, coalesce(d.drop_off, 0), coalesce(a.repeated, 0),
      coalesce(l.looped, 0), coalesce(a.long_dwell, 0), coalesce(a.switched, 0),
      coalesce(nn.negative_after, 0)
    FROM step_rows r JOIN steps s ON s.step = r.step
    LEFT JOIN drop_offs d ON d.step = r.step LEFT JOIN ahead a ON a.step = r.step
    LEFT JOIN loops l ON l.step = r.step LEFT JOIN near_negative nn ON nn.step = r.step
    UNION ALL
    SELECT 'transition', a.channel, a.event, b.channel, b.event, r.n, r.profiles, r.median,
      NULL, NULL, NULL, NULL, r.long_dwell, r.switched, NULL
    FROM transition_rows r JOIN steps a ON a.step = r.prev_step JOIN steps b ON b.step = r.step`;
  return { sql, values: params.values };
}

/** Shapes the rows of `frictionSql` and `indexedFrictionSql`. */
export function frictionRows(rows: Record<string, unknown>[]): FrictionCounts {
  const counts: FrictionCounts = { events: 0, profiles: 0, steps: [], transitions: [] };
  for (const row of rows) {
    if (row.kind === "total") {
      counts.events = num(row.n);
      counts.profiles = num(row.profiles);
      continue;
    }
    const step = { channel: String(row.channel), event: String(row.event) };
    if (row.kind === "step") {
      const signals: SignalCounts = {
        dropOff: num(row.drop_off),
        failure: num(row.failure),
        repeat: num(row.repeated),
        loop: num(row.looped),
        longDwell: num(row.long_dwell),
        channelSwitch: num(row.switched),
        negativeFeedback: num(row.negative_after),
      };
      counts.steps.push({ step, occurrences: num(row.n), profiles: num(row.profiles), signals });
    } else {
      counts.transitions.push({
        from: step,
        to: { channel: String(row.c1), event: String(row.e1) },
        count: num(row.n),
        profiles: num(row.profiles),
        medianMs: row.median === null || row.median === undefined ? null : num(row.median),
        longDwell: num(row.long_dwell),
        channelSwitch: num(row.switched),
      });
    }
  }
  return counts;
}
