import type { CxConfig } from "../core/cx/cx-config.ts";
import { type KanoPair, type KanoResult, kanoAnalysis } from "../core/cx/kano.ts";
import type { JourneyFilters } from "../core/journeys/specs.ts";
import { anyEventMatchSql } from "../journeys/event-match-sql.ts";
import { journeyEventsCte, journeyOrder } from "../journeys/journey-events.ts";
import { type BuiltQuery, SqlParams } from "../journeys/sql-params.ts";
import type { EventStore } from "../store/event-store.ts";
import type { SqlDialect } from "../store/sql-dialect.ts";

/**
 * KANO answers sent as survey events (DESIGN §3): `Survey Responded` with
 * `properties.survey_type` "kano", `feature`, `functional` and `dysfunctional`. The respondent
 * is the profile; a later answer on a feature replaces an earlier one.
 */
export function kanoEventsSql(
  dialect: SqlDialect,
  filters: JourneyFilters,
  config: CxConfig,
): BuiltQuery {
  const params = new SqlParams();
  const text = (key: string) => dialect.jsonText("properties", [key]);
  const sql = `WITH ${journeyEventsCte(dialect, filters, params)}
    SELECT profile_id, ${text("feature")} AS feature, ${text("functional")} AS functional,
      ${text("dysfunctional")} AS dysfunctional
    FROM journey_events
    WHERE ${anyEventMatchSql("event", config.surveyEvents, params)}
      AND lower(trim(${text("survey_type")})) = 'kano'
    ORDER BY ${journeyOrder(dialect)}`;
  return { sql, values: params.values };
}

export function kanoEventPairs(rows: Record<string, unknown>[]): KanoPair[] {
  const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());
  return rows.map((row) => ({
    respondent: String(row.profile_id),
    feature: text(row.feature),
    functional: text(row.functional),
    dysfunctional: text(row.dysfunctional),
  }));
}

/** KANO analysis of the answers stored as events; unknown answers are counted and left out. */
export async function getKanoFromEvents(
  store: EventStore,
  filters: JourneyFilters,
  config: CxConfig,
): Promise<KanoResult> {
  const { sql, values } = kanoEventsSql(store.dialect, filters, config);
  return kanoAnalysis(kanoEventPairs(await store.query(sql, values)), { skipInvalid: true });
}
