import {
  type RetentionCounts,
  type RetentionResult,
  retentionResult,
} from "../core/journeys/retention-reference.ts";
import type { RetentionSpec } from "../core/journeys/specs.ts";
import type { EventStore } from "../store/event-store.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";
import { eventMatchSql } from "./event-match-sql.ts";
import { journeyEventsCte } from "./journey-events.ts";
import { type BuiltQuery, SqlParams } from "./sql-params.ts";

type Unit = RetentionSpec["period"];

/** Whole periods between two period starts (timestamps without time zone, from dateTrunc). */
function periodsBetweenSql(unit: Unit, from: string, to: string, dialect: SqlDialect): string {
  if (unit === "month") {
    const months = (x: string) => `(extract(year from ${x}) * 12 + extract(month from ${x}))`;
    return `CAST(${months(to)} - ${months(from)} AS BIGINT)`;
  }
  const length = unit === "day" ? 86_400_000 : 604_800_000;
  return `CAST(round((${dialect.epochMs(to)} - ${dialect.epochMs(from)}) / ${length}) AS BIGINT)`;
}

/**
 * Retention rows: kind `cohort` (cohort start ms, size), `returned` (cohort, n, profiles),
 * `active` (period start ms, profiles) and `last` (time of the last event).
 */
export function retentionSql(dialect: SqlDialect, spec: RetentionSpec): BuiltQuery {
  const params = new SqlParams();
  const startFilter = spec.startEvent
    ? `WHERE ${eventMatchSql("event", spec.startEvent, params)}`
    : "";
  const returnFilter = spec.returnEvent
    ? `AND ${eventMatchSql("e.event", spec.returnEvent, params)}`
    : "";
  const cohortStart = dialect.dateTrunc(spec.period, "s.first_at");
  const eventPeriod = dialect.dateTrunc(spec.period, "e.timestamp");
  const sql = `WITH ${journeyEventsCte(dialect, spec, params)},
    starts AS (
      SELECT profile_id, min(t) AS first_t, min(timestamp) AS first_at
      FROM journey_events ${startFilter} GROUP BY profile_id),
    returns AS (
      SELECT DISTINCT s.profile_id, ${dialect.epochMs(cohortStart)} AS cohort,
        ${periodsBetweenSql(spec.period, cohortStart, eventPeriod, dialect)} AS n
      FROM journey_events e JOIN starts s ON s.profile_id = e.profile_id
      WHERE e.t >= s.first_t ${returnFilter})
    SELECT 'cohort' AS kind, ${dialect.epochMs(dialect.dateTrunc(spec.period, "first_at"))} AS a,
      CAST(NULL AS BIGINT) AS n, count(*) AS profiles
    FROM starts GROUP BY 2
    UNION ALL
    SELECT 'returned', cohort, n, count(*) FROM returns WHERE n < ${params.add(spec.periods)} GROUP BY cohort, n
    UNION ALL
    SELECT 'active', ${dialect.epochMs(dialect.dateTrunc(spec.activeInterval, "timestamp"))},
      NULL, count(DISTINCT profile_id)
    FROM journey_events GROUP BY 2
    UNION ALL
    SELECT 'last', max(t), NULL, count(*) FROM journey_events`;
  return { sql, values: params.values };
}

export function retentionRows(rows: Record<string, unknown>[]): RetentionCounts {
  const counts: RetentionCounts = {
    cohorts: new Map(),
    returned: new Map(),
    active: new Map(),
    lastEvent: null,
  };
  for (const row of rows) {
    const a = Math.round(num(row.a));
    if (row.kind === "cohort") counts.cohorts.set(a, num(row.profiles));
    else if (row.kind === "returned") counts.returned.set(`${a}:${num(row.n)}`, num(row.profiles));
    else if (row.kind === "active") counts.active.set(a, num(row.profiles));
    else if (row.kind === "last" && num(row.profiles) > 0) counts.lastEvent = a;
  }
  return counts;
}

/** Cohort retention and active profiles per period, from a store. */
export async function getRetention(
  store: EventStore,
  spec: RetentionSpec,
): Promise<RetentionResult> {
  const { sql, values } = retentionSql(store.dialect, spec);
  return retentionResult(spec, retentionRows(await store.query(sql, values)));
}
