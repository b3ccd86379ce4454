/**
 * Event-name patterns for funnel steps, stage rules, path anchors and segments: an exact,
 * case-sensitive event name, where `*` matches any run of characters (`Checkout *`,
 * `*Viewed`). There is no other wildcard: `?`, `%` and `_` are plain characters.
 */
export type EventPattern = string;

export const hasWildcard = (pattern: EventPattern) => pattern.includes("*");

const regexCache = new Map<string, RegExp>();

/** Whether an event name matches a pattern (the reference for the SQL below). */
export function matchesPattern(pattern: EventPattern, name: string | null): boolean {
  if (name === null) return false;
  if (!hasWildcard(pattern)) return pattern === name;
  let regex = regexCache.get(pattern);
  if (!regex) {
    const body = pattern
      .split("*")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[\\s\\S]*");
    regex = new RegExp(`^${body}$`, "u");
    regexCache.set(pattern, regex);
  }
  return regex.test(name);
}

/** The SQL LIKE pattern (escape character `\`) of a wildcard pattern. */
export function likePattern(pattern: EventPattern): string {
  return pattern.replace(/[\\%_]/g, "\\$&").replaceAll("*", "%");
}

/** Whether an event matches any of several patterns. */
export const matchesAny = (patterns: readonly EventPattern[], name: string | null) =>
  patterns.some((pattern) => matchesPattern(pattern, name));
