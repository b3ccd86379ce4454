/**
 * The event log as the journey analyses see it, and the helpers their plain-TypeScript
 * reference implementations share. The SQL query builders in `src/journeys/` must give the
 * same answers as these references (property-tested on both stores).
 */

/** One event of a profile's journey. */
export interface JourneyEvent {
  profileId: string;
  messageId: string;
  /** The track event or page/screen name; null for identify/alias/group messages. */
  event: string | null;
  channel: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
  context: Record<string, unknown>;
}

/** Compares strings by Unicode code point (= UTF-8 byte order, the stores' `C` collation). */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Journey order: by timestamp, ties broken by messageId. */
export const compareEvents = (a: JourneyEvent, b: JourneyEvent) =>
  a.timestamp - b.timestamp || compareText(a.messageId, b.messageId);

/** Each profile's events in journey order. */
export function profileTraces(events: readonly JourneyEvent[]): Map<string, JourneyEvent[]> {
  const traces = new Map<string, JourneyEvent[]>();
  for (const event of events) {
    const trace = traces.get(event.profileId);
    if (trace) trace.push(event);
    else traces.set(event.profileId, [event]);
  }
  for (const trace of traces.values()) trace.sort(compareEvents);
  return traces;
}

/** Continuous percentile (linear interpolation), as SQL `percentile_cont` / `quantile_cont`. */
export function percentileCont(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
// 1970-01-05 was the first Monday after the epoch.
const FIRST_MONDAY_MS = 4 * DAY_MS;

/** Start (Monday 00:00 UTC) of the week containing a time. */
export function weekStart(time: number): number {
  return time - ((((time - FIRST_MONDAY_MS) % WEEK_MS) + WEEK_MS) % WEEK_MS);
}

/** Start of the UTC day, week (Monday) or month containing a time. */
export function periodStart(unit: "day" | "week" | "month", time: number): number {
  if (unit === "week") return weekStart(time);
  if (unit === "day") return time - (((time % DAY_MS) + DAY_MS) % DAY_MS);
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** Whole periods from one period start to another (calendar months for "month"). */
export function periodsBetween(unit: "day" | "week" | "month", from: number, to: number): number {
  if (unit === "day") return Math.round((to - from) / DAY_MS);
  if (unit === "week") return Math.round((to - from) / WEEK_MS);
  const a = new Date(from);
  const b = new Date(to);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
}

/** The text of a JSON value as the stores' JSON text extraction gives it (scalars only). */
export function jsonText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/** Text that reads as a plain decimal number; the stores use the same pattern. */
export const NUMBER_PATTERN = "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$";
const NUMBER = new RegExp(NUMBER_PATTERN);

/** The number a JSON value stands for: a number, or text that reads as one. */
export function jsonNumber(value: unknown): number | null {
  const text = jsonText(value);
  return text !== null && typeof value !== "boolean" && NUMBER.test(text) ? Number(text) : null;
}

/** A trait of an event: `traits.key`, else `context.traits.key` (as text). */
export function traitText(event: JourneyEvent, key: string): string | null {
  const own = jsonText(event.traits[key]);
  if (own !== null) return own;
  const contextTraits = event.context.traits;
  return contextTraits && typeof contextTraits === "object"
    ? jsonText((contextTraits as Record<string, unknown>)[key])
    : null;
}

/** The count of each key, most frequent first, ties by key (code point order). */
export function countBy<T>(items: Iterable<T>, key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
}
