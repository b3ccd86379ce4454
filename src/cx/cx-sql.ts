import type { CxConfig } from "../core/cx/cx-config.ts";
import type { CxRows, DriverRow, StageSignals, SurveyCell } from "../core/cx/cx-rows.ts";
import type { CxSpec, Dimension } from "../core/cx/specs.ts";
import { surveyScales } from "../core/cx/survey-answer.ts";
import { SURVEY_TYPES, type SurveyType } from "../core/cx/survey-metrics.ts";
import type { JourneyFilters } from "../core/journeys/specs.ts";
import type { StageModel } from "../core/journeys/stage-model.ts";
import { feedbackTextSql } from "../feedback/feedback-sql.ts";
import { type BuiltQuery, SqlParams, sqlInteger } from "../journeys/sql-params.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";
import { cxEventsCtes } from "./cx-events-sql.ts";
import { profileValuesCte } from "./profile-values-sql.ts";

const DAY = 86_400_000;
const WEEK = 604_800_000;
// 1970-01-05, the first Monday after the epoch: weeks start on Mondays (UTC).
const FIRST_MONDAY = 345_600_000;

/** `survey_rows`: the survey events with their answer type (NULL if invalid), score, flags. */
function surveyRowsCte(dialect: SqlDialect, params: SqlParams, config: CxConfig): string {
  const scales = surveyScales(config);
  const bound = (x: number) => `CAST(${params.add(x)} AS DOUBLE PRECISION)`;
  const typed = SURVEY_TYPES.map(
    (type) =>
      `WHEN type_text = '${type}' AND score >= ${bound(scales[type].min)} AND score <= ${bound(scales[type].max)} THEN '${type}'`,
  ).join(" ");
  const per = (f: (type: SurveyType) => string) =>
    `CASE answer_type ${SURVEY_TYPES.map((t) => `WHEN '${t}' THEN ${f(t)}`).join(" ")} END`;
  return `survey_rows AS MATERIALIZED (
    SELECT profile_id, channel, timestamp, t, properties, stage, answer_type, score,
      ${per((t) => `score >= ${bound(scales[t].goodFrom)}`)} AS hit,
      (answer_type = 'nps' AND score <= ${bound(scales.nps.badTo ?? 6)}) AS detractor,
      ${per((t) => `(100 * (score - ${bound(scales[t].min)})) / (${bound(scales[t].max)} - ${bound(scales[t].min)})`)} AS normalised
    FROM (SELECT *, CASE ${typed} END AS answer_type
      FROM (SELECT profile_id, channel, timestamp, t, properties, stage,
          lower(trim(${dialect.jsonText("properties", ["survey_type"])})) AS type_text,
          ${dialect.toNumber(dialect.jsonText("properties", ["score"]))} AS score
        FROM cx_events WHERE is_survey) a) b)`;
}

/** SQL of a survey row's group in a dimension (text), and the CTE it needs, if any. */
function dimensionSql(
  dialect: SqlDialect,
  dimension: Dimension,
  index: number,
  context: { spec: CxSpec; params: SqlParams },
): { value: string; cte?: string; join?: string } {
  const alias = `dim_${index}`;
  switch (dimension.by) {
    case "stage":
      return { value: "CAST(stage AS TEXT)" };
    case "channel":
      return { value: "channel" };
    case "touchpoint":
      return { value: dialect.jsonText("properties", ["touchpoint"]) };
    case "property":
      return { value: dialect.jsonText("properties", [dimension.key]) };
    case "period": {
      const unit = context.spec.period;
      const start =
        unit === "month"
          ? `CAST(${dialect.epochMs(dialect.dateTrunc("month", "timestamp"))} AS BIGINT)`
          : unit === "week"
            ? `t - ((t - ${FIRST_MONDAY}) % ${WEEK} + ${WEEK}) % ${WEEK}`
            : `t - (t % ${DAY} + ${DAY}) % ${DAY}`;
      return { value: `CAST(${start} AS TEXT)` };
    }
    case "trait":
    case "segment":
      return {
        value: `${alias}.value`,
        cte: profileValuesCte(dialect, {
          name: alias,
          of: "survey_rows",
          by:
            dimension.by === "trait"
              ? { trait: dimension.key }
              : { segments: context.spec.segments ?? [] },
          params: context.params,
        }),
        join: `LEFT JOIN ${alias} ON ${alias}.profile_id = survey_rows.profile_id`,
      };
  }
}

const STAGE: Dimension = { by: "stage" };
const COLUMNS =
  "kind, dim, value, answer_type, stage, n, hits, detractors, total, squares, norm_total";

/**
 * Per profile and CX stage: first and last position and whether a failure happened; then the
 * latest position of any later stage (a running max over the stages in reverse).
 */
const STAGE_CTES = `stage_profiles AS (
    SELECT profile_id, stage, min(pos) AS first_pos, max(pos) AS last_pos,
      max(CASE WHEN is_failure THEN 1 ELSE 0 END) AS failed
    FROM cx_events GROUP BY 1, 2),
  stage_progress AS (
    SELECT stage, first_pos, failed,
      max(last_pos) OVER (PARTITION BY profile_id ORDER BY stage DESC
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS later_pos
    FROM stage_profiles)`;

/** Stage signals: profiles, progressed to a later stage after entering, with a failure. */
const STAGE_SELECT = `SELECT 'stage', 0, NULL, NULL, stage, count(*),
    sum(CASE WHEN later_pos > first_pos THEN 1 ELSE 0 END), sum(failed), 0, 0, 0
  FROM stage_progress GROUP BY stage`;

/** Only the stage signals (for the stage conversion KPIs), rows as `cxRows` reads them. */
export function stageSignalsSql(
  dialect: SqlDialect,
  filters: JourneyFilters,
  options: { model: StageModel; config: CxConfig },
): BuiltQuery {
  const params = new SqlParams();
  const sql = `WITH ${cxEventsCtes(dialect, filters, params, options)}, ${STAGE_CTES}
    SELECT ${COLUMNS} FROM (${STAGE_SELECT}) AS u(${COLUMNS})`;
  return { sql, values: params.values };
}

/** Where the CX index's sentiment signal reads feedback text (docs/cx.md). */
export interface FeedbackTextOptions {
  /** Field paths (`properties.comment`): the first non-empty one is the event's text. */
  fields: readonly string[];
  /** At most this many texts, newest first; one more row says the read was cut. */
  limit: number;
}

/**
 * The CX query: survey cells per breakdown group, stage signals and key-driver inputs; with the
 * CX index and `texts`, also the newest feedback texts with their CX stage (kind `text`), read
 * in the same pass over the journeys as the rest.
 */
export function cxSql(
  dialect: SqlDialect,
  spec: CxSpec,
  options: { model: StageModel; config: CxConfig; texts?: FeedbackTextOptions },
): BuiltQuery {
  const params = new SqlParams();
  // Positions and context stages are only read by the stage breakdown and the CX index.
  const contextStages = spec.index || spec.by.some((d) => d.by === "stage");
  const texts = spec.index ? options.texts : undefined;
  const text = texts ? feedbackTextSql(dialect, texts.fields) : undefined;
  const ctes = [
    cxEventsCtes(dialect, spec, params, { ...options, contextStages, text }),
    surveyRowsCte(dialect, params, options.config),
  ];
  // The last, by-stage breakdown feeds the CX index's survey signal.
  const dims: (Dimension | null)[] = [null, ...spec.by, ...(spec.index ? [STAGE] : [])];
  const parts = dims.map((dimension, index) => {
    const d = dimension
      ? dimensionSql(dialect, dimension, index, { spec, params })
      : { value: "CAST(NULL AS TEXT)" };
    if (d.cte) ctes.push(d.cte);
    return `SELECT 'cell' AS kind, ${sqlInteger(index)} AS dim, ${d.value} AS value, answer_type,
        CAST(NULL AS INTEGER) AS stage, count(*) AS n,
        sum(CASE WHEN hit THEN 1 ELSE 0 END) AS hits,
        sum(CASE WHEN detractor THEN 1 ELSE 0 END) AS detractors,
        sum(score) AS total, sum(score * score) AS squares, sum(normalised) AS norm_total
      FROM survey_rows ${d.join ?? ""}
      WHERE answer_type IS NOT NULL GROUP BY 3, 4`;
  });
  parts.push(`SELECT 'invalid', 0, NULL, NULL, NULL, count(*), 0, 0, 0, 0, 0
    FROM survey_rows WHERE answer_type IS NULL`);
  if (spec.index) {
    ctes.push(STAGE_CTES);
    parts.push(STAGE_SELECT);
    parts.push(`SELECT 'driver', 0, profile_id, NULL, CAST(NULL AS INTEGER), count(*), 0, 0,
        sum(score), 0, 0
      FROM survey_rows WHERE answer_type = 'nps' GROUP BY profile_id`);
    parts.push(`SELECT 'driver', 0, profile_id, NULL, stage, count(*), 0, 0, sum(normalised), 0, 0
      FROM survey_rows
      WHERE answer_type IN ('csat', 'ces')
        AND profile_id IN (SELECT profile_id FROM survey_rows WHERE answer_type = 'nps')
      GROUP BY profile_id, stage`);
  }
  if (texts) {
    parts.push(`SELECT 'text', 0, text, NULL, stage, 0, 0, 0, 0, 0, 0 FROM (
        SELECT text, stage FROM cx_events WHERE text IS NOT NULL
        ORDER BY t DESC, ${dialect.binaryText("message_id")} DESC
        LIMIT ${sqlInteger(texts.limit + 1)}) newest`);
  }
  const sql = `WITH ${ctes.join(",\n")}
    SELECT ${COLUMNS} FROM (${parts.join("\nUNION ALL\n")}) u`;
  return { sql, values: params.values };
}

/** The rows of `cxSql` as the reference gives them (stage groups named). */
export function cxRows(
  rows: Record<string, unknown>[],
  by: readonly Dimension[],
  model: StageModel,
): CxRows {
  const dims: (Dimension | null)[] = [null, ...by, { by: "stage" }];
  const result: CxRows = { cells: [], invalid: 0, stages: [], drivers: [] };
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  for (const row of rows) {
    if (row.kind === "invalid") result.invalid = num(row.n);
    else if (row.kind === "cell") {
      const dim = num(row.dim);
      const value = text(row.value);
      const cell: SurveyCell = {
        dim,
        value:
          dims[dim]?.by === "stage" && value !== null
            ? (model.stages[Number(value)]?.name ?? value)
            : value,
        type: row.answer_type as SurveyType,
        counts: {
          n: num(row.n),
          hits: num(row.hits),
          detractors: num(row.detractors),
          sum: num(row.total),
          sumSquares: num(row.squares),
        },
        normalisedSum: num(row.norm_total),
      };
      result.cells.push(cell);
    } else if (row.kind === "stage") {
      const signals: StageSignals = {
        stage: num(row.stage),
        profiles: num(row.n),
        progressed: num(row.hits),
        failed: num(row.detractors),
      };
      result.stages.push(signals);
    } else if (row.kind === "driver") {
      const driver: DriverRow = {
        profileId: String(row.value),
        stage: row.stage === null || row.stage === undefined ? null : num(row.stage),
        n: num(row.n),
        total: num(row.total),
      };
      result.drivers.push(driver);
    }
  }
  result.stages.sort((a, b) => a.stage - b.stage);
  return result;
}

/** The feedback texts of `cxSql` (kind `text`) with their CX stage index. */
export function cxTexts(rows: Record<string, unknown>[]): { stage: number; text: string }[] {
  return rows
    .filter((row) => row.kind === "text")
    .map((row) => ({ stage: num(row.stage), text: String(row.value) }));
}
