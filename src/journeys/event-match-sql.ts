import { type EventPattern, hasWildcard, likePattern } from "../core/journeys/event-pattern.ts";
import type { SqlParams } from "./sql-params.ts";

/** SQL predicate: the event column matches a pattern (`*` wildcard, case-sensitive). */
export function eventMatchSql(column: string, pattern: EventPattern, params: SqlParams): string {
  return hasWildcard(pattern)
    ? `${column} LIKE ${params.add(likePattern(pattern))} ESCAPE '\\'`
    : `${column} = ${params.add(pattern)}`;
}

/** SQL predicate: the event column matches any of the patterns. */
export function anyEventMatchSql(
  column: string,
  patterns: readonly EventPattern[],
  params: SqlParams,
): string {
  if (patterns.length === 0) return "FALSE";
  const exact = patterns.filter((p) => !hasWildcard(p));
  const parts = patterns.filter(hasWildcard).map((p) => eventMatchSql(column, p, params));
  if (exact.length === 1) parts.unshift(eventMatchSql(column, exact[0] as string, params));
  if (exact.length > 1)
    parts.unshift(`${column} IN (${exact.map((p) => params.add(p)).join(", ")})`);
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(" OR ")})`;
}
