import { profileKeySql } from "../identity/profile-key.ts";
import type { SqlDialect } from "../store/sql-dialect.ts";

/**
 * The profile an event row belongs to — the one place that decides it for journey analytics:
 * every journey query reads events through `journeyEventsCte` (and segments and trait
 * breakdowns through this). Identity resolution's key: the resolved profile of the event's
 * userId, else of its anonymousId, else `u:userId` / `a:anonymousId` until resolution runs.
 */
export function profileKey(dialect: SqlDialect, alias: string): { join: string; key: string } {
  return profileKeySql(dialect, alias);
}
