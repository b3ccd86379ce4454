import type { CxConfig } from "../core/cx/cx-config.ts";
import { type EngagementResult, engagementResult } from "../core/cx/engagement-result.ts";
import type { EngagementSpec } from "../core/cx/specs.ts";
import type { EventStore } from "../store/event-store.ts";
import { engagementRows, engagementSql } from "./engagement-sql.ts";

/** Engagement scores of the profiles: distribution, groups, most engaged (docs/cx.md). */
export async function getEngagement(
  store: EventStore,
  spec: EngagementSpec,
  config: CxConfig,
): Promise<EngagementResult> {
  const { sql, values } = engagementSql(store.dialect, spec, config);
  return engagementResult(engagementRows(await store.query(sql, values)), spec, config);
}
