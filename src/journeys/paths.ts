import { type PathCount, type PathsResult, pathsResult } from "../core/journeys/paths-result.ts";
import type { PathsSpec } from "../core/journeys/specs.ts";
import type { EventStore } from "../store/event-store.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";
import { eventMatchSql } from "./event-match-sql.ts";
import { funnelProfilesCtes } from "./funnel-sql.ts";
import { journeyEventsCte, journeyOrder } from "./journey-events.ts";
import { segmentProfilesCte } from "./segment-sql.ts";
import { type BuiltQuery, SqlParams, sqlInteger } from "./sql-params.ts";

/**
 * Paths: per profile, the events from its anchor (first `start` event, the event where it
 * dropped off a funnel, or its first event) onwards — or up to its first `end` event — with
 * consecutive repeats collapsed, cut at `depth`. One row per distinct path.
 */
export function pathsSql(dialect: SqlDialect, spec: PathsSpec): BuiltQuery {
  const params = new SqlParams();
  const filters = { from: spec.from, to: spec.to, channels: spec.channels, segment: spec.segment };
  const funnel =
    spec.dropOff?.funnel ??
    (spec.compare && "funnel" in spec.compare ? spec.compare.funnel : undefined);
  const ctes = [
    funnel
      ? funnelProfilesCtes(dialect, { ...filters, ...funnel }, params, {
          anchorStep: spec.dropOff?.step,
        })
      : journeyEventsCte(dialect, filters, params),
  ];
  ctes.push(`ordered AS (
    SELECT profile_id, event, message_id,
      row_number() OVER (PARTITION BY profile_id ORDER BY ${journeyOrder(dialect)}) AS pos
    FROM journey_events)`);
  const backward = spec.end !== undefined;
  const anchorPattern = spec.start ?? spec.end;
  if (anchorPattern !== undefined) {
    ctes.push(`anchors AS (
      SELECT profile_id, min(pos) AS anchor FROM ordered
      WHERE ${eventMatchSql("event", anchorPattern, params)} GROUP BY profile_id)`);
  } else if (spec.dropOff) {
    ctes.push(`anchors AS (
      SELECT o.profile_id, o.pos AS anchor
      FROM ordered o JOIN funnel_profiles f
        ON f.profile_id = o.profile_id AND o.message_id = f.anchor_message_id
      WHERE f.furthest = ${params.add(spec.dropOff.step)})`);
  } else {
    ctes.push(`anchors AS (SELECT profile_id, 1 AS anchor FROM ordered WHERE pos = 1)`);
  }
  ctes.push(`side AS (
    SELECT o.profile_id, o.event, o.pos FROM ordered o JOIN anchors a ON a.profile_id = o.profile_id
    WHERE o.pos ${backward ? "<=" : ">="} a.anchor)`);
  const collapsed = spec.collapseRepeats
    ? `(SELECT * FROM (
        SELECT side.*, lag(event) OVER (PARTITION BY profile_id ORDER BY pos) AS previous FROM side) s
        WHERE previous IS NULL OR previous <> event)`
    : "side";
  ctes.push(`numbered AS (
    SELECT profile_id, event,
      row_number() OVER (PARTITION BY profile_id ORDER BY pos ${backward ? "DESC" : ""}) - 1 AS i
    FROM ${collapsed} c)`);
  const columns = Array.from({ length: spec.depth }, (_, i) => `e${i}`);
  ctes.push(`profile_paths AS (
    SELECT profile_id, ${columns.map((c, i) => `max(CASE WHEN i = ${sqlInteger(i)} THEN event END) AS ${c}`).join(", ")}
    FROM numbered WHERE i < ${sqlInteger(spec.depth)} GROUP BY profile_id)`);
  let source = "profile_paths";
  if (spec.compare && "segments" in spec.compare) {
    const [a, b] = spec.compare.segments;
    ctes.push(segmentProfilesCte(dialect, a.segment, params, "group_a"));
    ctes.push(segmentProfilesCte(dialect, b.segment, params, "group_b"));
    ctes.push(`grouped_paths AS (
      SELECT p.*, ga.profile_id IS NOT NULL AS in_a, gb.profile_id IS NOT NULL AS in_b
      FROM profile_paths p
      LEFT JOIN group_a ga ON ga.profile_id = p.profile_id
      LEFT JOIN group_b gb ON gb.profile_id = p.profile_id)`);
    source = "grouped_paths";
  } else if (spec.compare && "funnel" in spec.compare) {
    const n = params.add(spec.compare.funnel.steps.length);
    ctes.push(`grouped_paths AS (
      SELECT p.*, coalesce(f.furthest = ${n}, FALSE) AS in_a, coalesce(f.furthest < ${n}, FALSE) AS in_b
      FROM profile_paths p LEFT JOIN funnel_profiles f ON f.profile_id = p.profile_id)`);
    source = "grouped_paths";
  }
  const groupCounts = spec.compare
    ? ", count(*) FILTER (WHERE in_a) AS group_a, count(*) FILTER (WHERE in_b) AS group_b"
    : "";
  const sql = `WITH ${ctes.join(",\n")}
    SELECT ${columns.join(", ")}, count(*) AS profiles ${groupCounts}
    FROM ${source} GROUP BY ${columns.join(", ")}`;
  return { sql, values: params.values };
}

export function pathRows(rows: Record<string, unknown>[], spec: PathsSpec): PathCount[] {
  return rows.map((row) => {
    const path: string[] = [];
    for (let i = 0; i < spec.depth; i++) {
      const name = row[`e${i}`];
      if (name === null || name === undefined) break;
      path.push(String(name));
    }
    if (spec.end !== undefined) path.reverse();
    return {
      path,
      profiles: num(row.profiles),
      ...(spec.compare ? { groups: [num(row.group_a), num(row.group_b)] as [number, number] } : {}),
    };
  });
}

/** The names of the two comparison groups. */
export function groupNames(spec: PathsSpec): [string, string] | undefined {
  if (!spec.compare) return undefined;
  if ("funnel" in spec.compare) return ["converted", "not converted"];
  return [spec.compare.segments[0].name, spec.compare.segments[1].name];
}

/** Top paths, Sankey nodes/links and the optional comparison, from a store. */
export async function getPaths(store: EventStore, spec: PathsSpec): Promise<PathsResult> {
  const { sql, values } = pathsSql(store.dialect, spec);
  return pathsResult(spec, pathRows(await store.query(sql, values), spec), groupNames(spec));
}
