import type { StagesSpec } from "../core/journeys/specs.ts";
import type { StageModel } from "../core/journeys/stage-model.ts";
import {
  type StageCounts,
  type StagesResult,
  stagesResult,
} from "../core/journeys/stages-reference.ts";
import type { EventStore } from "../store/event-store.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";
import { journeyEventsCte, journeyOrder } from "./journey-events.ts";
import { type BuiltQuery, SqlParams } from "./sql-params.ts";
import { stageIndexSql } from "./stage-sql.ts";

const WEEK = 604_800_000;
const FIRST_MONDAY = 345_600_000;

/**
 * Stage rows: kind `stage` (stage, events, profiles), `furthest` (stage, profiles),
 * `transition` (from, to, count, profiles), `first` (week, stage, profiles), and with a
 * profile `timeline` (stage, at, event) — its stage changes.
 */
export function stagesSql(dialect: SqlDialect, spec: StagesSpec, model: StageModel): BuiltQuery {
  const params = new SqlParams();
  const ctes = `${journeyEventsCte(dialect, spec, params)},
    staged AS MATERIALIZED (
      SELECT profile_id, event, t, stage,
        lag(stage) OVER (PARTITION BY profile_id ORDER BY ${journeyOrder(dialect)}) AS previous,
        row_number() OVER (PARTITION BY profile_id ORDER BY ${journeyOrder(dialect)}) AS pos
      FROM (SELECT journey_events.*, ${stageIndexSql(model, "event", params)} AS stage FROM journey_events) j),
    firsts AS (SELECT profile_id, stage, min(t) AS first_t FROM staged GROUP BY profile_id, stage)`;
  const timeline =
    spec.profile !== undefined
      ? `UNION ALL
    SELECT 'timeline', stage, pos, t, NULL, event FROM staged
    WHERE profile_id = ${params.add(spec.profile)} AND (previous IS NULL OR previous <> stage)`
      : "";
  const sql = `WITH ${ctes}
    SELECT 'stage' AS kind, stage AS a, CAST(NULL AS BIGINT) AS b, count(*) AS n,
      count(DISTINCT profile_id) AS profiles,
      CAST(NULL AS TEXT) AS event
    FROM staged GROUP BY stage
    UNION ALL
    SELECT 'furthest', furthest, NULL, NULL, count(*), NULL
    FROM (SELECT profile_id, max(stage) AS furthest FROM staged GROUP BY profile_id) f GROUP BY furthest
    UNION ALL
    SELECT 'transition', previous, stage, count(*), count(DISTINCT profile_id), NULL
    FROM staged WHERE previous <> stage GROUP BY previous, stage
    UNION ALL
    SELECT 'first', stage, first_t - ((first_t - ${FIRST_MONDAY}) % ${WEEK} + ${WEEK}) % ${WEEK} AS week,
      NULL, count(*), NULL
    FROM firsts GROUP BY 2, 3
    ${timeline}`;
  return { sql, values: params.values };
}

export function stageRows(rows: Record<string, unknown>[], withTimeline: boolean): StageCounts {
  const counts: StageCounts = { perStage: new Map(), transitions: [], firstReached: [] };
  const timeline: { pos: number; stage: number; at: number; event: string }[] = [];
  const perStage = (stage: number) => {
    const row = counts.perStage.get(stage) ?? { events: 0, profiles: 0, furthest: 0 };
    counts.perStage.set(stage, row);
    return row;
  };
  for (const row of rows) {
    const a = num(row.a);
    if (row.kind === "stage")
      Object.assign(perStage(a), { events: num(row.n), profiles: num(row.profiles) });
    else if (row.kind === "furthest") perStage(a).furthest = num(row.profiles);
    else if (row.kind === "transition") {
      counts.transitions.push({
        from: a,
        to: num(row.b),
        count: num(row.n),
        profiles: num(row.profiles),
      });
    } else if (row.kind === "first") {
      counts.firstReached.push({ stage: a, week: num(row.b), profiles: num(row.profiles) });
    } else if (row.kind === "timeline") {
      timeline.push({ stage: a, pos: num(row.b), at: num(row.n), event: String(row.event) });
    }
  }
  if (withTimeline) {
    counts.timeline = timeline
      .sort((x, y) => x.pos - y.pos)
      .map(({ stage, at, event }) => ({ stage, at, event }));
  }
  return counts;
}

/** Stage model analysis of a store (and one profile's stage timeline when asked). */
export async function getStages(
  store: EventStore,
  spec: StagesSpec,
  model: StageModel,
): Promise<StagesResult> {
  const { sql, values } = stagesSql(store.dialect, spec, model);
  const counts = stageRows(await store.query(sql, values), spec.profile !== undefined);
  return stagesResult(model, counts, spec.profile);
}
