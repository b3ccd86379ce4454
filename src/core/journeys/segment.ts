import { z } from "zod";
import { canonicalChannel } from "../channel.ts";
import { matchesAny } from "./event-pattern.ts";
import { type JourneyEvent, jsonNumber, jsonText, traitText } from "./journey-log.ts";

/**
 * A segment: a set of profiles, defined by a small typed filter AST. Each condition holds for a
 * profile when at least one of the profile's events (any time, any channel) satisfies it;
 * `and` / `or` combine those answers. Compiled to SQL in `src/journeys/segment-sql.ts`, never
 * by string concatenation of the values.
 */
export type Segment = SegmentCondition | { and: Segment[] } | { or: Segment[] };

export const COMPARISONS = ["eq", "neq", "gt", "gte", "lt", "lte"] as const;
export type Comparison = (typeof COMPARISONS)[number];

export type SegmentCondition =
  | { channel: string[] }
  | { event: string[] }
  | { property: string; op: Comparison; value: string | number | boolean }
  | { trait: string; op: "eq" | "neq"; value: string | number | boolean };

const names = (what: string) =>
  z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1).max(100)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .describe(`one ${what} or a list (any of them)`);

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const ChannelCondition = z
  .object({ channel: names("channel") })
  .strict()
  .transform((c) => ({ channel: c.channel.map((name) => canonicalChannel(name) ?? name) }));

const EventCondition = z.object({ event: names("event-name pattern (`*` wildcard)") }).strict();

const PropertyCondition = z
  .object({
    property: z.string().min(1).max(200),
    op: z.enum(COMPARISONS).default("eq"),
    value: scalar,
  })
  .strict()
  .refine((c) => ["eq", "neq"].includes(c.op) || typeof c.value === "number", {
    message: "gt, gte, lt and lte compare with a number",
    path: ["value"],
  });

const TraitCondition = z
  .object({
    trait: z.string().min(1).max(200),
    op: z.enum(["eq", "neq"]).default("eq"),
    value: scalar,
  })
  .strict();

export const SegmentSchema: z.ZodType<Segment> = z.lazy(() =>
  z.union([
    z.object({ and: z.array(SegmentSchema).min(1).max(50) }).strict(),
    z.object({ or: z.array(SegmentSchema).min(1).max(50) }).strict(),
    ChannelCondition,
    EventCondition,
    PropertyCondition,
    TraitCondition,
  ]),
) as z.ZodType<Segment>;

/** Compares a JSON value with a condition's value as the SQL does (text, or numbers). */
export function compareValue(actual: unknown, op: Comparison, expected: string | number | boolean) {
  if (typeof expected === "number") {
    const number = jsonNumber(actual);
    if (number === null) return false;
    return compare(number, op, expected);
  }
  const text = jsonText(actual);
  if (text === null) return false;
  return compare(text, op, String(expected));
}

function compare<T extends string | number>(a: T, op: Comparison, b: T): boolean {
  switch (op) {
    case "eq":
      return a === b;
    case "neq":
      return a !== b;
    case "gt":
      return a > b;
    case "gte":
      return a >= b;
    case "lt":
      return a < b;
    case "lte":
      return a <= b;
  }
}

/** Whether one event satisfies a condition (the reference for the SQL predicate). */
export function eventSatisfies(condition: SegmentCondition, event: JourneyEvent): boolean {
  if ("channel" in condition) return condition.channel.includes(event.channel);
  if ("event" in condition) return matchesAny(condition.event, event.event);
  if ("property" in condition) {
    return compareValue(event.properties[condition.property], condition.op, condition.value);
  }
  return compareValue(traitText(event, condition.trait), condition.op, condition.value);
}

/** Whether a profile, given all its events, is in the segment. */
export function profileInSegment(segment: Segment, events: readonly JourneyEvent[]): boolean {
  if ("and" in segment) return segment.and.every((part) => profileInSegment(part, events));
  if ("or" in segment) return segment.or.some((part) => profileInSegment(part, events));
  return events.some((event) => eventSatisfies(segment, event));
}
