import type { FunnelCore, JourneyFilters } from "../core/journeys/specs.ts";
import type { SqlDialect } from "../store/sql-dialect.ts";
import { eventMatchSql } from "./event-match-sql.ts";
import { journeyEventsCte, journeyOrder } from "./journey-events.ts";
import type { JourneySource } from "./journey-index.ts";
import { type SqlParams, sqlInteger } from "./sql-params.ts";

export interface FunnelCteOptions {
  /** SQL (over a journey_events row) of the breakdown value carried from the entry event. */
  entryValue?: string;
  /** Also give the message id of the event at which this step was first reached. */
  anchorStep?: number;
  /** Read the journey index (only when it is current: `journeySource`); default live. */
  source?: JourneySource;
}

/**
 * CTEs ending in `funnel_profiles(profile_id, furthest, entry_t, entry_value, gap_2 … gap_N
 * [, anchor_message_id])`: one row per profile that did step 1 (any step in "any" mode).
 *
 * Ordered/strict: an attempt is a chain of events; `l` of a step-k event is the latest start
 * of a valid chain ending there. The non-null `l` of step-k events never decrease along a
 * profile's journey, so for a step-(k+1) event the best predecessor is simply the latest
 * earlier step-k event with a non-null `l` (its `l` is the best start, its time the previous
 * step's). One sort numbers the funnel events; then one pass per step over the rows of just two
 * steps (plus exclusions): an ASOF join on DuckDB, a running max elsewhere (docs/funnels.md).
 */
export function funnelProfilesCtes(
  dialect: SqlDialect,
  funnel: FunnelCore & JourneyFilters,
  params: SqlParams,
  options: FunnelCteOptions = {},
): string {
  const ctes = [
    journeyEventsCte(dialect, funnel, params, options.source),
    funnelEventsCte(funnel, params, options),
  ];
  if (funnel.mode === "any") ctes.push(...anyOrderCtes(dialect, funnel, options));
  else ctes.push(...orderedCtes(dialect, funnel, options));
  return ctes.join(",\n");
}

const steps = (funnel: FunnelCore) => funnel.steps.map((_, i) => i + 1);

/** `funnel_events`: the rows of any step or exclusion, with a flag per step / exclusion. */
function funnelEventsCte(funnel: FunnelCore, params: SqlParams, options: FunnelCteOptions) {
  const flags = [
    ...funnel.steps.map((s, i) => `(${eventMatchSql("event", s.event, params)}) AS m${i + 1}`),
    ...funnel.exclusions.map((x, i) => `(${eventMatchSql("event", x.event, params)}) AS x${i + 1}`),
  ];
  const any = [
    ...steps(funnel).map((k) => `m${k}`),
    ...funnel.exclusions.map((_, i) => `x${i + 1}`),
  ];
  // Strict funnels need every event: "the very next event" is judged on the whole journey.
  const where = funnel.mode === "strict" ? "" : `WHERE ${any.join(" OR ")}`;
  return `funnel_events AS (
    SELECT * FROM (
      SELECT profile_id, t, message_id${options.source === "index" ? ", pos AS jpos" : ""}${options.entryValue ? `, ${options.entryValue} AS bv` : ""},
        ${flags.join(",\n        ")}
      FROM journey_events) flagged
    ${where})`;
}

interface PassContext {
  k: number;
  window: string;
  strict: boolean;
  /** Flags (`x1`…) of the exclusions that apply between steps k−1 and k. */
  exclusions: string[];
  /** Extra columns of step-k rows carried to `reached_k` (message id for drop-off anchors). */
  carry: string;
}

/** Step k by running maxima over the rows of steps k−1 and k (and exclusions): any SQL. */
function windowPass(c: PassContext): string[] {
  const running = "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING";
  const carryNull = c.carry ? ", CAST(NULL AS TEXT)" : "";
  const union = [
    `SELECT profile_id, pos, 0 AS kind, t, CAST(NULL AS BIGINT) AS l${c.carry ? `, ${c.carry}` : ""} FROM funnel_rows WHERE m${c.k}`,
    `SELECT profile_id, pos, 1, t, l${carryNull} FROM reached_${c.k - 1}`,
  ];
  if (c.exclusions.length > 0) {
    union.push(
      `SELECT profile_id, pos, 2, t, CAST(NULL AS BIGINT)${carryNull} FROM funnel_rows WHERE ${c.exclusions.join(" OR ")}`,
    );
  }
  const positions = c.strict || c.exclusions.length > 0;
  const conditions = ["kind = 0", `ms >= t - ${c.window}`];
  if (c.strict) conditions.push("mpos = pos - 1");
  if (c.exclusions.length > 0) conditions.push("(xpos IS NULL OR xpos <= mpos)");
  return [
    `step_${c.k} AS (
      SELECT u.*, max(l) OVER w AS ms, max(CASE WHEN kind = 1 THEN t END) OVER w AS mp
        ${positions ? ", max(CASE WHEN kind = 1 THEN pos END) OVER w AS mpos" : ""}
        ${c.exclusions.length > 0 ? ", max(CASE WHEN kind = 2 THEN pos END) OVER w AS xpos" : ""}
      FROM (${union.join("\n        UNION ALL ")}) u
      WINDOW w AS (PARTITION BY profile_id ORDER BY pos, kind ${running}))`,
    `reached_${c.k} AS (
      SELECT profile_id, pos, t, ms AS l, mp AS prev_t${c.carry ? `, ${c.carry}` : ""}
      FROM step_${c.k} WHERE ${conditions.join(" AND ")})`,
  ];
}

/**
 * Step k by ASOF joins (DuckDB): the latest earlier step-(k−1) row is exactly the best
 * predecessor, and a sort-merge join finds it faster than a window pass.
 */
function asofPass(c: PassContext): string[] {
  const conditions = [`r.l >= e.t - ${c.window}`];
  if (c.strict) conditions.push("r.pos = e.pos - 1");
  let exclusionJoin = "";
  if (c.exclusions.length > 0) {
    exclusionJoin = `ASOF LEFT JOIN (SELECT profile_id, pos FROM funnel_rows WHERE ${c.exclusions.join(" OR ")}) x
        ON x.profile_id = e.profile_id AND e.pos > x.pos`;
    conditions.push("(x.pos IS NULL OR x.pos <= r.pos)");
  }
  return [
    `reached_${c.k} AS (
      SELECT e.profile_id, e.pos, e.t, r.l, r.t AS prev_t${c.carry ? `, e.${c.carry}` : ""}
      FROM (SELECT * FROM funnel_rows WHERE m${c.k}) e
      ASOF JOIN reached_${c.k - 1} r ON r.profile_id = e.profile_id AND e.pos > r.pos
      ${exclusionJoin}
      WHERE ${conditions.join(" AND ")})`,
  ];
}

function orderedCtes(
  dialect: SqlDialect,
  funnel: FunnelCore & JourneyFilters,
  options: FunnelCteOptions,
) {
  const n = funnel.steps.length;
  const window = sqlInteger(funnel.window);
  const carry = options.anchorStep !== undefined ? "message_id" : "";
  // From the index with ASOF joins, no sort of all funnel rows: the stored journey position
  // orders them (renumbered only for a strict funnel on some channels, whose "next event" skips
  // the other channels; a date range in whole milliseconds and a segment keep contiguous
  // positions), every step is an ASOF pass, and the entry is a hash aggregation.
  const indexed = options.source === "index" && dialect.asofJoin;
  // Step 2 can share the one sort that numbers the rows, unless an exclusion or strictness
  // needs the positions of step-1 events.
  const mergeStep2 =
    !indexed && funnel.mode === "ordered" && !funnel.exclusions.some((x) => x.from === 1);
  const partition = `PARTITION BY profile_id ORDER BY ${options.source === "index" ? "jpos" : journeyOrder(dialect)}`;
  // prev1_t (latest earlier step-1 time) gives step 2 in this same sort when allowed, and marks
  // each profile's first step-1 event (prev1_t IS NULL): its entry into the funnel.
  const rows = !indexed
    ? `SELECT funnel_events.*, row_number() OVER (${partition}) AS pos,
        max(CASE WHEN m1 THEN t END) OVER (${partition} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev1_t
      FROM funnel_events`
    : `SELECT funnel_events.*, ${funnel.mode === "strict" && funnel.channels ? `row_number() OVER (${partition})` : "jpos"} AS pos
      FROM funnel_events`;
  const ctes = [
    `funnel_rows AS (${rows})`,
    `reached_1 AS (SELECT profile_id, pos, t, t AS l${carry ? `, ${carry}` : ""} FROM funnel_rows WHERE m1)`,
  ];
  for (let k = 2; k <= n; k++) {
    if (k === 2 && mergeStep2) {
      ctes.push(`reached_2 AS (
        SELECT profile_id, pos, t, prev1_t AS l, prev1_t AS prev_t${carry ? `, ${carry}` : ""}
        FROM funnel_rows WHERE m2 AND prev1_t >= t - ${window})`);
      continue;
    }
    const exclusions = funnel.exclusions
      .map((x, i) => ({ ...x, flag: `x${i + 1}` }))
      .filter((x) => x.from <= k - 1 && k - 1 < x.to)
      .map((x) => x.flag);
    const context = { k, window, strict: funnel.mode === "strict", exclusions, carry };
    ctes.push(...(dialect.asofJoin ? asofPass(context) : windowPass(context)));
  }
  const later = steps(funnel).slice(1);
  const reach = later.map(
    (k) =>
      `SELECT profile_id, ${k} AS step, pos, t, prev_t${carry ? `, ${carry}` : ""} FROM reached_${k}`,
  );
  const progress = later.map(
    (k) => `min(t) FILTER (WHERE step = ${k}) - min(prev_t) FILTER (WHERE step = ${k}) AS gap_${k}`,
  );
  const anchorStep = options.anchorStep ?? 1;
  if (carry && anchorStep > 1) {
    progress.push(
      `${dialect.firstBy("message_id", ["pos"], { filter: `step = ${sqlInteger(anchorStep)}` })} AS anchor_message_id`,
    );
  }
  ctes.push(`funnel_progress AS (
    SELECT profile_id, max(step) AS furthest, ${progress.join(",\n      ")}
    FROM (${reach.join("\n      UNION ALL ")}) reach
    GROUP BY profile_id)`);
  const anchorColumn = !carry
    ? ""
    : anchorStep === 1
      ? ", e.message_id AS anchor_message_id"
      : ", p.anchor_message_id";
  // Each profile's first step-1 event: its entry into the funnel.
  const entries = indexed
    ? `(SELECT profile_id, arg_min(t, pos) AS t${options.entryValue ? ", arg_min(bv, pos) AS bv" : ""}${carry ? ", arg_min(message_id, pos) AS message_id" : ""}
        FROM funnel_rows WHERE m1 GROUP BY profile_id)`
    : "(SELECT * FROM funnel_rows WHERE m1 AND prev1_t IS NULL)";
  ctes.push(`funnel_profiles AS (
    SELECT e.profile_id, coalesce(p.furthest, 1) AS furthest, e.t AS entry_t,
      ${options.entryValue ? "e.bv" : "CAST(NULL AS TEXT)"} AS entry_value,
      ${later.map((k) => `p.gap_${k}`).join(", ")}${anchorColumn}
    FROM ${entries} e LEFT JOIN funnel_progress p ON p.profile_id = e.profile_id)`);
  return ctes;
}

function anyOrderCtes(dialect: SqlDialect, funnel: FunnelCore, options: FunnelCteOptions) {
  const window = sqlInteger(funnel.window);
  const done = steps(funnel)
    .map((k) => `max(CASE WHEN m${k} THEN 1 ELSE 0 END) OVER w`)
    .join(" + ");
  const gaps = steps(funnel)
    .slice(1)
    .map((k) => `CAST(NULL AS BIGINT) AS gap_${k}`);
  return [
    `funnel_attempts AS (
      SELECT profile_id, t, message_id${options.entryValue ? ", bv" : ""}, ${done} AS done
      FROM funnel_events
      WINDOW w AS (PARTITION BY profile_id ORDER BY t RANGE BETWEEN CURRENT ROW AND ${window} FOLLOWING))`,
    `funnel_profiles AS (
      SELECT profile_id, max(done) AS furthest, min(t) AS entry_t,
        ${options.entryValue ? dialect.firstBy("bv", ["t", dialect.binaryText("message_id")]) : "CAST(NULL AS TEXT)"} AS entry_value,
        ${gaps.join(", ")}
      FROM funnel_attempts GROUP BY profile_id)`,
  ];
}
