import type { CxConfig } from "../core/cx/cx-config.ts";
import type { JourneyFilters } from "../core/journeys/specs.ts";
import { type StageModel, stageIndex } from "../core/journeys/stage-model.ts";
import { anyEventMatchSql } from "../journeys/event-match-sql.ts";
import { journeyEventsCte, journeyOrder } from "../journeys/journey-events.ts";
import type { SqlParams } from "../journeys/sql-params.ts";
import { stageIndexSql } from "../journeys/stage-sql.ts";
import type { SqlDialect } from "../store/sql-dialect.ts";

/**
 * CTEs ending in `cx_events(profile_id, event, channel, timestamp, t, message_id, properties,
 * pos, is_survey, is_failure, stage)` over the journey events (`properties` of surveys only): `pos` the 1-based position in
 * the profile's journey, `stage` the CX stage index (the reference is `core/cx/cx-events.ts`):
 * surveys and failures take the stage of the latest earlier event that is neither (found with
 * a running count of such events: each one opens a group, the signals after it join it),
 * surveys may name theirs (`properties.stage`, a touchpoint in `cx.touchpointStages`).
 */
export function cxEventsCtes(
  dialect: SqlDialect,
  filters: JourneyFilters,
  params: SqlParams,
  options: { model: StageModel; config: CxConfig; text?: string; contextStages?: boolean },
): string {
  const { model, config } = options;
  // An optional `text` column (an SQL expression over a journey_events row), carried along.
  const text = options.text ? `, ${options.text} AS text` : "";
  const carry = options.text ? ", text" : "";
  const survey = anyEventMatchSql("event", config.surveyEvents, params);
  const failure = anyEventMatchSql("event", config.failureEvents, params);
  const plain = "NOT (is_survey OR is_failure)";
  if (options.contextStages === false) {
    // Nothing reads positions or context stages: skip the sort of every profile's journey.
    return `${journeyEventsCte(dialect, filters, params)},
    cx_events AS MATERIALIZED (
      SELECT profile_id, event, channel, timestamp, t, message_id, properties,
        CAST(NULL AS BIGINT) AS pos, is_survey, failure_match AND NOT is_survey AS is_failure${carry},
        ${stageIndexSql(model, "event", params)} AS stage
      FROM (SELECT *, ${survey} AS is_survey, ${failure} AS failure_match${text}
        FROM journey_events) f)`;
  }
  const { named, touchpoint } = namedStageSql(dialect, params, options);
  // Flags, stage and text are computed before the windows, and `properties` is kept for
  // surveys only (the only rows that read it): the windows sort narrow rows, not JSON.
  return `${journeyEventsCte(dialect, filters, params)},
    cx_flagged AS (
      SELECT *, row_number() OVER (PARTITION BY profile_id ORDER BY ${journeyOrder(dialect)}) AS pos
      FROM (
        SELECT profile_id, event, channel, timestamp, t, message_id, own_stage, is_survey,
          failure_match${carry},
          CASE WHEN is_survey THEN properties END AS properties
        FROM (SELECT *, ${stageIndexSql(model, "event", params)} AS own_stage,
            ${survey} AS is_survey, ${failure} AS failure_match${text}
          FROM journey_events) j) f),
    cx_grouped AS (
      SELECT *, sum(CASE WHEN is_survey OR is_failure THEN 0 ELSE 1 END)
          OVER (PARTITION BY profile_id ORDER BY pos ROWS UNBOUNDED PRECEDING) AS grp
      FROM (SELECT profile_id, event, channel, timestamp, t, message_id, properties, own_stage,
              pos, is_survey, failure_match AND NOT is_survey AS is_failure${carry}
            FROM cx_flagged) f),
    cx_events AS MATERIALIZED (
      SELECT profile_id, event, channel, timestamp, t, message_id, properties, pos, is_survey,
        is_failure${carry},
        CASE WHEN ${plain} THEN own_stage
          ELSE coalesce(
            CASE WHEN is_survey THEN coalesce(${named}, ${touchpoint}) END,
            max(CASE WHEN ${plain} THEN own_stage END) OVER (PARTITION BY profile_id, grp),
            own_stage) END AS stage
      FROM cx_grouped)`;
}

/** SQL of a survey's own stage: `properties.stage` if a stage, else its mapped touchpoint. */
function namedStageSql(
  dialect: SqlDialect,
  params: SqlParams,
  options: { model: StageModel; config: CxConfig },
): { named: string; touchpoint: string } {
  const { model, config } = options;
  const named = `CASE ${dialect.jsonText("properties", ["stage"])} ${model.stages
    .map((s, i) => `WHEN ${params.add(s.name)} THEN ${i}`)
    .join(" ")} END`;
  const mapped = Object.entries(config.touchpointStages).filter(
    ([, stage]) => stageIndex(model, stage) >= 0,
  );
  const touchpoint =
    mapped.length === 0
      ? "CAST(NULL AS INTEGER)"
      : `CASE ${dialect.jsonText("properties", ["touchpoint"])} ${mapped
          .map(([tp, stage]) => `WHEN ${params.add(tp)} THEN ${stageIndex(model, stage)}`)
          .join(" ")} END`;
  return { named, touchpoint };
}
