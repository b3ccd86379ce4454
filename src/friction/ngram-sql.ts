import type { TestedCounts } from "../core/friction/breakpoints-result.ts";
import type { Outcome } from "../core/friction/specs.ts";
import type { Step } from "../core/friction/step.ts";
import type { JourneyFilters } from "../core/journeys/specs.ts";
import { journeyOrder } from "../journeys/journey-events.ts";
import { type JourneySource, PROFILE_HASH_SEED } from "../journeys/journey-index.ts";
import { type BuiltQuery, SqlParams, sqlInteger } from "../journeys/sql-params.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";
import { channelsSql, outcomeCtes } from "./outcome-sql.ts";

/** Bits per step id in a packed sequence key: 4 steps × 15 bits fit a signed BIGINT. */
const BITS = 15;
export const MAX_STEP_IDS = 2 ** BITS - 1;

export interface NgramQueryOptions {
  maxLength: number;
  collapseRepeats: boolean;
  /**
   * `tested`: only sequences that at least max(minProfiles, ⌈minSupport × profiles⌉) went
   * through and that are over-represented among bad-outcome profiles; `all`: every sequence.
   */
  mode: "tested" | "all";
  minProfiles?: number;
  minSupport?: number;
  /** Read the journey index (only when it is current: `journeySource`); default live. */
  source?: JourneySource;
  /** Read the sequences stored in the index (only when `ngramSource` says so). */
  storedGrams?: boolean;
}

/** Packed key of a sequence of step id columns, first step in the lowest bits. */
const packed = (columns: string[]) =>
  columns.map((c, k) => (k === 0 ? c : `${c} * ${sqlInteger(2 ** (BITS * k))}`)).join(" + ");

/**
 * The step id columns of the sequences of `length` steps in a `grams` row: read forwards from
 * the row (`s1`…`s4`, from `lead()`) or, from the journey index, backwards from it, ending with
 * the row's own step (`p3`, `p2`, `p1`, `s1`).
 */
const gramColumns = (stored: boolean, length: number) =>
  stored
    ? [...["p3", "p2", "p1"].slice(4 - length), "s1"]
    : Array.from({ length }, (_, k) => `s${k + 1}`);

/**
 * Distinct profiles per step sequence (n-gram of 1 to 4 consecutive counted steps) and how many
 * had the bad outcome (docs/friction.md#how-the-sql-counts):
 *
 * - one sort: `lead()` over each profile's counted steps, with steps as small integer ids (the
 *   32,767 most frequent; a sequence through a rarer step is not counted) and profiles as
 *   dense integer ids (numbered in the order of a hash of their id, so that the examples —
 *   the first and last bad-outcome profile in that order — are spread over the profiles);
 *   or no sort at all: the sequences stored in the journey index (`storedGrams`);
 * - per length, the distinct (profile, sequence) pairs and then the counts per sequence, as
 *   plain hash aggregations over packed BIGINT keys — no list aggregation, whose memory grows
 *   with the journeys (stored sequences flag one row per pair: one aggregation);
 * - level by level (Apriori): a sequence of length n is counted only when both its first and
 *   its last n − 1 steps met the support threshold, since no profile can go through it
 *   without going through both.
 *
 * Always at least one row: the totals (profiles, bad profiles, sequences tested), with NULL
 * sequence columns when there is no sequence to return.
 */
export function ngramSql(
  dialect: SqlDialect,
  spec: JourneyFilters,
  outcome: Outcome,
  options: NgramQueryOptions,
): BuiltQuery {
  const params = new SqlParams();
  const n = options.maxLength;
  const all = options.mode === "all";
  const source = options.source ?? "live";
  const index = source === "index";
  const ctes = [outcomeCtes(dialect, spec, outcome, params, source)];
  // From the index, profile_id is its INTEGER id: journey_index_profiles has its name and its
  // rank in the same hash order over all profiles (the order, not the numbers, picks examples).
  const hashOrder = `${dialect.hash64("o.profile_id", PROFILE_HASH_SEED)}, ${dialect.binaryText("o.profile_id")}`;
  ctes.push(
    index
      ? `profile_ids AS MATERIALIZED (
    SELECT o.profile_id, o.bad, o.cutoff, d.profile_id AS name, d.hash_rank AS pid
    FROM profile_outcomes o JOIN journey_index_profiles d ON d.pid = o.profile_id)`
      : `profile_ids AS MATERIALIZED (
    SELECT o.profile_id, o.bad, o.cutoff, o.profile_id AS name,
      row_number() OVER (ORDER BY ${hashOrder}) AS pid
    FROM profile_outcomes o)`,
  );
  ctes.push(`totals AS MATERIALIZED (
    SELECT profiles, bad_profiles, greatest(CAST(${params.add(all ? 1 : (options.minProfiles ?? 1))} AS BIGINT),
      CAST(ceil(CAST(${params.add(all ? 0 : (options.minSupport ?? 0))} AS DOUBLE PRECISION) * profiles) AS BIGINT)) AS threshold
    FROM (SELECT count(*) AS profiles, sum(CASE WHEN bad THEN 1 ELSE 0 END) AS bad_profiles
          FROM profile_outcomes) p)`);
  const stored = options.storedGrams === true;
  if (stored) ctes.push(...storedGramsCtes());
  else ctes.push(...windowGramsCtes(dialect, spec, params, options));
  const bad = "CASE WHEN bad THEN pid END";
  for (let length = 1; length <= n; length++) {
    const columns = gramColumns(stored, length);
    const prune =
      length === 1
        ? "s1 IS NOT NULL"
        : [
            `${packed(columns.slice(0, -1))} IN (SELECT gram FROM frequent${length - 1})`,
            `${packed(columns.slice(1))} IN (SELECT gram FROM frequent${length - 1})`,
          ].join(" AND ");
    // Stored: one row per profile and sequence is flagged, so a plain count.
    // DuckDB: distinct (profile, sequence) pairs, then counts — two hash aggregations.
    // PostgreSQL: count(DISTINCT) sorts, which spills gracefully; its hash aggregation, with
    // the planner's default guess of 200 groups for a CTE, spills into tens of thousands of
    // batches (minutes at 1M events).
    const sums = `sum(CASE WHEN bad THEN 1 ELSE 0 END) AS bad_profiles,
        min(${bad}) AS example_first, max(${bad}) AS example_last`;
    const counts = stored
      ? `SELECT ${packed(columns)} AS gram, count(*) AS profiles, ${sums}
      FROM grams WHERE first${length} AND ${prune}
      GROUP BY gram`
      : dialect.kind === "duckdb"
        ? `SELECT gram, count(*) AS profiles, ${sums}
      FROM (SELECT DISTINCT pid, bad, ${packed(columns)} AS gram FROM grams WHERE ${prune}) g
      GROUP BY gram`
        : `SELECT gram, count(DISTINCT pid) AS profiles,
        count(DISTINCT pid) FILTER (WHERE bad) AS bad_profiles,
        min(${bad}) AS example_first, max(${bad}) AS example_last
      FROM (SELECT pid, bad, ${packed(columns)} AS gram FROM grams WHERE ${prune}) g
      GROUP BY gram`;
    ctes.push(`counts${length} AS MATERIALIZED (
      ${counts})`);
    if (length < n) {
      ctes.push(`frequent${length} AS (
        SELECT gram FROM counts${length} WHERE profiles >= (SELECT threshold FROM totals))`);
    }
  }
  ctes.push(`counts AS (
    ${Array.from({ length: n }, (_, k) => `SELECT * FROM counts${k + 1}`).join("\n    UNION ALL ")})`);
  const over = all
    ? ""
    : " AND c.bad_profiles * (t.profiles - t.bad_profiles) > (c.profiles - c.bad_profiles) * t.bad_profiles";
  ctes.push(`returned AS MATERIALIZED (
    SELECT c.* FROM counts c, totals t WHERE c.profiles >= t.threshold${over})`);
  // One UNION of small row sets, decoded in JS: a plan without joins on top keeps the
  // planner's estimates (and PostgreSQL's JIT) in check.
  const sql = `WITH ${ctes.join(",\n")}
    SELECT 'total' AS kind, t.profiles AS n1, t.bad_profiles AS n2,
      (SELECT count(*) FROM counts c WHERE c.profiles >= t.threshold) AS n3,
      CAST(NULL AS BIGINT) AS n4, CAST(NULL AS BIGINT) AS gram,
      CAST(NULL AS TEXT) AS t1, CAST(NULL AS TEXT) AS t2
    FROM totals t
    UNION ALL
    SELECT 'gram', profiles, bad_profiles, example_first, example_last, gram, NULL, NULL
    FROM returned
    UNION ALL
    SELECT 'step', sid, NULL, NULL, NULL, NULL, channel, event FROM step_ids
    UNION ALL
    SELECT 'example', pid, NULL, NULL, NULL, NULL, name, NULL FROM profile_ids
    WHERE pid IN (SELECT example_first FROM returned UNION SELECT example_last FROM returned)`;
  return { sql, values: params.values };
}

/**
 * `step_ids(channel, event, sid)` and `grams(pid, bad, s1…s4)`: per counted event, its step
 * and the next three, by `lead()` over each profile's counted steps (one sort).
 */
function windowGramsCtes(
  dialect: SqlDialect,
  spec: JourneyFilters,
  params: SqlParams,
  options: NgramQueryOptions,
): string[] {
  const source = options.source ?? "live";
  const order = journeyOrder(dialect, undefined, source);
  const position = source === "index" ? "pos" : "message_id";
  const ctes = [
    `step_ids AS MATERIALIZED (
    SELECT channel, event, sid FROM (
      SELECT channel, event, row_number() OVER (ORDER BY count(*) DESC, channel, event) AS sid
      FROM journey_events e WHERE ${channelsSql(spec, params)} GROUP BY channel, event) d
    WHERE sid <= ${MAX_STEP_IDS})`,
    `counted AS (
    SELECT o.pid, s.sid, e.t, e.${position}, o.bad
    FROM journey_events e
    JOIN profile_ids o ON o.profile_id = e.profile_id
    LEFT JOIN step_ids s ON s.channel = e.channel AND s.event = e.event
    WHERE ${channelsSql(spec, params)} AND (o.cutoff IS NULL OR e.t < o.cutoff))`,
  ];
  let rows = "counted";
  if (options.collapseRepeats) {
    // Consecutive equal steps count once. (A step beyond the dictionary has no id and ends
    // every sequence through it, so merging two of them changes nothing.)
    ctes.push(`collapsed AS (
      SELECT pid, sid, t, ${position}, bad FROM (
        SELECT c.*, lag(sid, 1, -1) OVER (PARTITION BY pid ORDER BY ${order}) AS prev
        FROM counted c) x
      WHERE prev IS DISTINCT FROM sid)`);
    rows = "collapsed";
  }
  const n = options.maxLength;
  const leads = Array.from(
    { length: n - 1 },
    (_, k) => `, lead(sid, ${sqlInteger(k + 1)}) OVER w AS s${k + 2}`,
  ).join("");
  ctes.push(`grams AS MATERIALIZED (
    SELECT pid, bad, sid AS s1${leads}
    FROM ${rows} WHERE ${n > 1 ? "TRUE" : "sid IS NOT NULL"}
    WINDOW w AS (PARTITION BY pid ORDER BY ${order}))`);
  return ctes;
}

/**
 * `step_ids` and `grams(pid, bad, s1, p1, p2, p3, first1…first4)` from the journey index: per
 * event before the cutoff, its step, the three before it, and whether the sequence of the last
 * 1…4 steps ending there is the first of its kind in the journey. A profile went through a
 * sequence before its cutoff (and the end date) exactly when its first one is before them, so
 * each (profile, sequence) is counted once, without a DISTINCT.
 */
function storedGramsCtes(): string[] {
  const id = (column: string) => `CAST(e.${column} AS BIGINT)`;
  return [
    `step_ids AS (SELECT channel, event, step AS sid FROM journey_index_steps)`,
    `grams AS MATERIALIZED (
    SELECT o.pid, o.bad, ${id("step")} AS s1, ${id("prev_step")} AS p1,
      ${id("prev_step2")} AS p2, ${id("prev_step3")} AS p3,
      e.first_of_gram1 AS first1, e.first_of_gram2 AS first2, e.first_of_gram3 AS first3,
      e.first_of_gram4 AS first4
    FROM journey_events e JOIN profile_ids o ON o.profile_id = e.profile_id
    WHERE o.cutoff IS NULL OR e.t < o.cutoff)`,
  ];
}

/** Shapes the rows of `ngramSql`. */
export function ngramRows(rows: Record<string, unknown>[], maxLength: number): TestedCounts {
  const result: TestedCounts = { profiles: 0, badProfiles: 0, tested: 0, grams: [] };
  const steps = new Map<number, Step>();
  const profiles = new Map<number, string>();
  const grams: Record<string, unknown>[] = [];
  for (const row of rows) {
    if (row.kind === "total") {
      result.profiles = num(row.n1) || 0;
      result.badProfiles = num(row.n2) || 0;
      result.tested = num(row.n3) || 0;
    } else if (row.kind === "step") {
      steps.set(num(row.n1), { channel: String(row.t1), event: String(row.t2) });
    } else if (row.kind === "example") {
      profiles.set(num(row.n1), String(row.t1));
    } else {
      grams.push(row);
    }
  }
  const mask = BigInt(MAX_STEP_IDS);
  for (const row of grams) {
    // Packed keys reach 2^60: DuckDB gives a bigint, PostgreSQL a numeric string.
    const key = BigInt(row.gram as bigint | string);
    const sequence: Step[] = [];
    for (let k = 0; k < maxLength; k++) {
      const step = steps.get(Number((key >> BigInt(BITS * k)) & mask));
      if (!step) break;
      sequence.push(step);
    }
    const examples = [row.n3, row.n4]
      .filter((pid) => pid !== null && pid !== undefined)
      .map((pid) => profiles.get(num(pid)) as string);
    result.grams.push({
      steps: sequence,
      profiles: num(row.n1),
      bad: num(row.n2),
      examples: [...new Set(examples)],
    });
  }
  return result;
}
