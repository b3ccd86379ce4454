import type { Comparison, Segment, SegmentCondition } from "../core/journeys/segment.ts";
import type { SqlDialect } from "../store/sql-dialect.ts";
import { anyEventMatchSql } from "./event-match-sql.ts";
import { profileKey } from "./journey-profile.ts";
import type { SqlParams } from "./sql-params.ts";

const OPERATORS: Record<Comparison, string> = {
  eq: "=",
  neq: "<>",
  gt: ">",
  gte: ">=",
  lt: "<",
  lte: "<=",
};

/** Text of a trait on an event row: `traits.key`, else `context.traits.key`. */
export function traitTextSql(dialect: SqlDialect, alias: string, key: string): string {
  return `coalesce(${dialect.jsonText(`${alias}.traits`, [key])}, ${dialect.jsonText(`${alias}.context`, ["traits", key])})`;
}

function compareSql(
  dialect: SqlDialect,
  text: string,
  op: Comparison,
  value: string | number | boolean,
  params: SqlParams,
): string {
  if (typeof value === "number") {
    return `${dialect.toNumber(text)} ${OPERATORS[op]} CAST(${params.add(value)} AS DOUBLE PRECISION)`;
  }
  return `${text} ${OPERATORS[op]} ${params.add(String(value))}`;
}

/** SQL predicate: one event row (alias `e`) satisfies a condition. */
export function conditionSql(
  dialect: SqlDialect,
  condition: SegmentCondition,
  params: SqlParams,
  alias = "e",
): string {
  if ("channel" in condition) {
    return `${alias}.channel IN (${condition.channel.map((c) => params.add(c)).join(", ")})`;
  }
  if ("event" in condition) return anyEventMatchSql(`${alias}.event`, condition.event, params);
  if ("property" in condition) {
    const text = dialect.jsonText(`${alias}.properties`, [condition.property]);
    return compareSql(dialect, text, condition.op, condition.value, params);
  }
  const text = traitTextSql(dialect, alias, condition.trait);
  return compareSql(dialect, text, condition.op, condition.value, params);
}

/** Aggregate boolean over a profile's event rows: the profile is in the segment. */
export function segmentAggregateSql(
  dialect: SqlDialect,
  segment: Segment,
  params: SqlParams,
  alias = "e",
): string {
  if ("and" in segment) {
    return `(${segment.and.map((s) => segmentAggregateSql(dialect, s, params, alias)).join(" AND ")})`;
  }
  if ("or" in segment) {
    return `(${segment.or.map((s) => segmentAggregateSql(dialect, s, params, alias)).join(" OR ")})`;
  }
  return `coalesce(bool_or(${conditionSql(dialect, segment, params, alias)}), FALSE)`;
}

/** CTE `name(profile_id)`: the profiles in a segment, judged on all their events. */
export function segmentProfilesCte(
  dialect: SqlDialect,
  segment: Segment,
  params: SqlParams,
  name: string,
): string {
  const { join, key } = profileKey(dialect, "e");
  return `${name} AS (
    SELECT ${key} AS profile_id FROM events e ${join}
    GROUP BY 1 HAVING ${segmentAggregateSql(dialect, segment, params)})`;
}
