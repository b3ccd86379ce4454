import { type DfgCounts, type MapResult, mapResult } from "../core/journeys/dfg-result.ts";
import type { MapSpec } from "../core/journeys/specs.ts";
import type { StageModel } from "../core/journeys/stage-model.ts";
import type { EventStore } from "../store/event-store.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";
import { journeyEventsCte, journeyOrder } from "./journey-events.ts";
import { type BuiltQuery, SqlParams } from "./sql-params.ts";
import { stageNameSql } from "./stage-sql.ts";

const SEPARATOR = "\u001f";

function activitiesCte(dialect: SqlDialect, spec: MapSpec, model: StageModel, params: SqlParams) {
  const activity =
    spec.activity === "stage"
      ? stageNameSql(model, "event", params)
      : spec.activity === "channel_event"
        ? `channel || ${params.add(" · ")} || event`
        : "event";
  return `${journeyEventsCte(dialect, spec, params)},
    activities AS (SELECT profile_id, t, message_id, ${activity} AS activity FROM journey_events)`;
}

/**
 * The directly-follows graph in one sort and one aggregation: a row per (previous, activity)
 * with the transition count, distinct profiles and median gap; `previous` NULL rows are the
 * first activities of the traces (PM4Py's start activities), and per-activity totals come
 * from the second grouping set. End activities follow: each occurrence that is not the last
 * of its trace has exactly one outgoing transition, so ends(a) = count(a) − outgoing(a).
 */
export function dfgSql(dialect: SqlDialect, spec: MapSpec, model: StageModel): BuiltQuery {
  const params = new SqlParams();
  const sql = `WITH ${activitiesCte(dialect, spec, model, params)},
    follows AS (
      SELECT profile_id, activity, lag(activity) OVER w AS previous, t - lag(t) OVER w AS gap
      FROM activities
      WINDOW w AS (PARTITION BY profile_id ORDER BY ${journeyOrder(dialect)}))
    SELECT previous, activity, GROUPING(previous) AS g_previous, count(*) AS n,
      count(DISTINCT profile_id) AS profiles, ${dialect.percentile(0.5, "gap")} AS median
    FROM follows GROUP BY GROUPING SETS ((previous, activity), (activity))`;
  return { sql, values: params.values };
}

/**
 * The most frequent full traces. A trace is keyed by its length and two 64-bit hash sums of
 * (position, activity) — no ordered list aggregation over every event, which needs memory in
 * proportion to the log — and shown by the trace of its first profile (code point order),
 * which also breaks ties in frequency.
 */
export function variantsSql(dialect: SqlDialect, spec: MapSpec, model: StageModel): BuiltQuery {
  const params = new SqlParams();
  const item = "CAST(pos AS TEXT) || ':' || activity";
  const sql = `WITH ${activitiesCte(dialect, spec, model, params)},
    numbered AS (
      SELECT profile_id, activity,
        row_number() OVER (PARTITION BY profile_id ORDER BY ${journeyOrder(dialect)}) AS pos
      FROM activities),
    traces AS (
      SELECT profile_id, count(*) AS length,
        sum(${dialect.hash64(item, 1)}) AS h1, sum(${dialect.hash64(item, 2)}) AS h2
      FROM numbered GROUP BY profile_id),
    top_variants AS (
      SELECT min(${dialect.binaryText("profile_id")}) AS sample, count(*) AS profiles
      FROM traces GROUP BY length, h1, h2
      ORDER BY profiles DESC, sample LIMIT ${params.add(spec.variants)})
    SELECT v.sample, v.profiles,
      string_agg(a.activity, ${params.add(SEPARATOR)} ORDER BY ${journeyOrder(dialect, "a")}) AS trace
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

/** The journey map (DFG, pruned; variants) of a store. */
export async function getJourneyMap(
  store: EventStore,
  spec: MapSpec,
  model: StageModel,
): Promise<MapResult> {
  const dfg = dfgSql(store.dialect, spec, model);
  const variants = spec.variants > 0 ? variantsSql(store.dialect, spec, model) : undefined;
  const [dfgResult, variantResult] = await Promise.all([
    store.query(dfg.sql, dfg.values),
    variants ? store.query(variants.sql, variants.values) : Promise.resolve([]),
  ]);
  const counts = dfgRows(dfgResult);
  counts.variants = variantRows(variantResult);
  return mapResult(spec, counts, counts.profiles);
}
