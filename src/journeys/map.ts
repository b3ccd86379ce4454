import { type DfgCounts, type MapResult, mapResult } from "../core/journeys/dfg-result.ts";
import type { MapSpec } from "../core/journeys/specs.ts";
import type { StageModel } from "../core/journeys/stage-model.ts";
import type { EventStore } from "../store/event-store.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";
import { journeyEventsCte, journeyOrder, previousInRange } from "./journey-events.ts";
import { type JourneySource, journeySource } from "./journey-index.ts";
import { type BuiltQuery, SqlParams } from "./sql-params.ts";
import { stageNameSql } from "./stage-sql.ts";

const SEPARATOR = "\u001f";

/** The previous event is stored in the index, and is still the previous one after filters. */
const storedPrevious = (spec: MapSpec, source: JourneySource) =>
  source === "index" && !spec.channels;

/**
 * Whole journeys of events (no date range or channel filter; a segment keeps whole journeys):
 * the index's first-occurrence flags count the distinct profiles of each event and transition,
 * which otherwise costs a hash of every (profile, transition) pair.
 */
const storedFirsts = (spec: MapSpec, source: JourneySource) =>
  storedPrevious(spec, source) && spec.activity === "event" && !spec.from && !spec.to;

function activitiesCte(
  dialect: SqlDialect,
  spec: MapSpec,
  model: StageModel,
  params: SqlParams,
  source: JourneySource,
) {
  const activity = (event: string, channel: string) =>
    spec.activity === "stage"
      ? stageNameSql(model, event, params)
      : spec.activity === "channel_event"
        ? `${channel} || ${params.add(" · ")} || ${event}`
        : event;
  // Without a channel filter, the stored previous event when it is in the filtered journey;
  // a channel filter removes events in between: window.
  let previous = "";
  if (storedPrevious(spec, source)) {
    const inRange = previousInRange(dialect, spec, params);
    previous = `, CASE WHEN ${inRange} THEN ${activity("prev_event", "prev_channel")} END AS previous,
      CASE WHEN ${inRange} THEN t - prev_t END AS gap`;
    if (storedFirsts(spec, source)) previous += ", first_of_event, first_of_transition";
  }
  return `${journeyEventsCte(dialect, spec, params, source)},
    activities AS (SELECT profile_id, t, message_id${source === "index" ? ", pos" : ""}, ${activity("event", "channel")} AS activity${previous} FROM journey_events)`;
}

/**
 * The directly-follows graph in one sort and one aggregation: a row per (previous, activity)
 * with the transition count, distinct profiles and median gap; `previous` NULL rows are the
 * first activities of the traces (PM4Py's start activities), and per-activity totals come
 * from the second grouping set. End activities follow: each occurrence that is not the last
 * of its trace has exactly one outgoing transition, so ends(a) = count(a) − outgoing(a).
 */
export function dfgSql(
  dialect: SqlDialect,
  spec: MapSpec,
  model: StageModel,
  source: JourneySource = "live",
): BuiltQuery {
  const params = new SqlParams();
  // From the index (without a channel filter) each row has its previous activity: no sort.
  const firsts = storedFirsts(spec, source);
  const follows = storedPrevious(spec, source)
    ? `SELECT profile_id, activity, previous, gap${firsts ? ", first_of_event, first_of_transition" : ""} FROM activities`
    : `SELECT profile_id, activity, lag(activity) OVER w AS previous, t - lag(t) OVER w AS gap
      FROM activities
      WINDOW w AS (PARTITION BY profile_id ORDER BY ${journeyOrder(dialect, undefined, source)})`;
  // DuckDB spends seconds on count(DISTINCT) under GROUPING SETS (10M rows); from the index,
  // where `follows` is a plain scan, two aggregations read it twice for a fraction of that.
  const profiles = (flag: string) =>
    firsts ? `sum(CASE WHEN ${flag} THEN 1 ELSE 0 END)` : "count(DISTINCT profile_id)";
  const aggregate = storedPrevious(spec, source)
    ? `SELECT previous, activity, 0 AS g_previous, count(*) AS n,
        ${profiles("first_of_transition")} AS profiles, ${dialect.percentile(0.5, "gap")} AS median
      FROM follows GROUP BY previous, activity
      UNION ALL
      SELECT NULL, activity, 1, count(*), ${profiles("first_of_event")}, NULL
      FROM follows GROUP BY activity`
    : `SELECT previous, activity, GROUPING(previous) AS g_previous, count(*) AS n,
        count(DISTINCT profile_id) AS profiles, ${dialect.percentile(0.5, "gap")} AS median
      FROM follows GROUP BY GROUPING SETS ((previous, activity), (activity))`;
  const sql = `WITH ${activitiesCte(dialect, spec, model, params, source)},
    follows AS ${storedPrevious(spec, source) ? "NOT MATERIALIZED " : ""}(${follows})
    ${aggregate}`;
  return { sql, values: params.values };
}

/**
 * The most frequent full traces. A trace is keyed by its length and two 64-bit hash sums of
 * (position, activity) — no ordered list aggregation over every event, which needs memory in
 * proportion to the log — and shown by the trace of its first profile (code point order),
 * which also breaks ties in frequency.
 */
export function variantsSql(
  dialect: SqlDialect,
  spec: MapSpec,
  model: StageModel,
  source: JourneySource = "live",
): BuiltQuery {
  const params = new SqlParams();
  const item = "CAST(n AS TEXT) || ':' || activity";
  // From the index, profiles are INTEGER ids numbered in code point order of their profile
  // id: the least id is the first profile, and it is named at the end.
  const index = source === "index";
  const sample = index
    ? "(SELECT d.profile_id FROM journey_index_profiles d WHERE d.pid = v.sample)"
    : "v.sample";
  const sql = `WITH ${activitiesCte(dialect, spec, model, params, source)},
    numbered AS (
      SELECT profile_id, activity,
        row_number() OVER (PARTITION BY profile_id ORDER BY ${journeyOrder(dialect, undefined, source)}) AS n
      FROM activities),
    traces AS (
      SELECT profile_id, count(*) AS length,
        sum(${dialect.hash64(item, 1)}) AS h1, sum(${dialect.hash64(item, 2)}) AS h2
      FROM numbered GROUP BY profile_id),
    top_variants AS (
      SELECT min(${index ? "profile_id" : dialect.binaryText("profile_id")}) AS sample, count(*) AS profiles
      FROM traces GROUP BY length, h1, h2
      ORDER BY profiles DESC, sample LIMIT ${params.add(spec.variants)})
    SELECT ${sample} AS sample, v.profiles,
      string_agg(a.activity, ${params.add(SEPARATOR)} ORDER BY ${journeyOrder(dialect, "a", source)}) AS trace
    FROM top_variants v JOIN activities a ON a.profile_id = v.sample
    GROUP BY v.sample, v.profiles`;
  return { sql, values: params.values };
}

/** Shapes the DFG rows into counts. */
export function dfgRows(rows: Record<string, unknown>[]): DfgCounts & { profiles: number } {
  const counts: DfgCounts & { profiles: number } = {
    profiles: 0,
    activities: [],
    edges: [],
    starts: [],
    ends: [],
    variants: [],
  };
  const outgoing = new Map<string, number>();
  for (const row of rows) {
    const activity = String(row.activity);
    if (num(row.g_previous) === 1) {
      counts.activities.push({ name: activity, count: num(row.n), profiles: num(row.profiles) });
    } else if (row.previous === null || row.previous === undefined) {
      counts.starts.push({ name: activity, count: num(row.n) });
      counts.profiles += num(row.n);
    } else {
      const from = String(row.previous);
      outgoing.set(from, (outgoing.get(from) ?? 0) + num(row.n));
      counts.edges.push({
        from,
        to: activity,
        count: num(row.n),
        profiles: num(row.profiles),
        medianMs: row.median === null || row.median === undefined ? null : num(row.median),
      });
    }
  }
  for (const a of counts.activities) {
    const ends = a.count - (outgoing.get(a.name) ?? 0);
    if (ends > 0) counts.ends.push({ name: a.name, count: ends });
  }
  return counts;
}

export function variantRows(rows: Record<string, unknown>[]): DfgCounts["variants"] {
  return rows.map((r) => ({
    trace: String(r.trace).split(SEPARATOR),
    profiles: num(r.profiles),
    sample: String(r.sample),
  }));
}

/** The journey map (DFG, pruned; variants) of a store (from the journey index when current). */
export async function getJourneyMap(
  store: EventStore,
  spec: MapSpec,
  model: StageModel,
): Promise<MapResult> {
  const source = await journeySource(store);
  const dfg = dfgSql(store.dialect, spec, model, source);
  const variants = spec.variants > 0 ? variantsSql(store.dialect, spec, model, source) : undefined;
  const [dfgResult, variantResult] = await Promise.all([
    store.query(dfg.sql, dfg.values),
    variants ? store.query(variants.sql, variants.values) : Promise.resolve([]),
  ]);
  const counts = dfgRows(dfgResult);
  counts.variants = variantRows(variantResult);
  return mapResult(spec, counts, counts.profiles);
}
