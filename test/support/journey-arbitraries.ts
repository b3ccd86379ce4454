import fc from "fast-check";
import { FunnelCoreSchema, FunnelSpecSchema } from "../../src/core/journeys/specs.ts";
import { EVENT_NAMES, LOG_CHANNELS, LOG_START } from "./journey-logs.ts";

const HOUR = 3_600_000;
export const patternArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("A", "B", "C") },
  { weight: 2, arbitrary: fc.constantFrom(...EVENT_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom("E*", "*", "E_*") },
);

export const segmentArb = fc.oneof(
  fc.record({ channel: fc.constantFrom(...LOG_CHANNELS) }),
  fc.record({ event: fc.constantFrom("A", "B*") }),
  fc.record({
    property: fc.constant("amount"),
    op: fc.constantFrom("gte", "lt"),
    value: fc.integer({ min: 0, max: 5 }),
  }),
  fc.record({
    property: fc.constant("plan"),
    op: fc.constantFrom("eq", "neq"),
    value: fc.constant("x"),
  }),
  fc.record({ trait: fc.constant("tier"), value: fc.constant("gold") }),
);

const someFiltersArb = fc.record(
  {
    from: fc.integer({ min: 0, max: 30 }).map((h) => new Date(LOG_START + h * HOUR).toISOString()),
    to: fc.integer({ min: 30, max: 70 }).map((h) => new Date(LOG_START + h * HOUR).toISOString()),
    channels: fc.subarray([...LOG_CHANNELS], { minLength: 1 }),
    segment: fc.oneof(
      segmentArb,
      fc.record({ or: fc.array(segmentArb, { minLength: 1, maxLength: 2 }) }),
      fc.record({ and: fc.array(segmentArb, { minLength: 1, maxLength: 2 }) }),
    ),
  },
  { requiredKeys: [] },
);

/** Filters, absent two times in three. */
export const filtersArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: someFiltersArb },
);

export const breakdownArb = fc.oneof(
  fc.constant({ by: "channel" }),
  fc.constant({ by: "property", key: "plan" }),
  fc.constant({ by: "trait", key: "tier" }),
  fc.record({
    by: fc.constant("segment"),
    segments: fc.array(fc.record({ name: fc.constantFrom("s1", "s2"), segment: segmentArb }), {
      minLength: 1,
      maxLength: 2,
    }),
  }),
);

export const funnelArb = fc
  .record({
    steps: fc.array(patternArb, { minLength: 2, maxLength: 4 }),
    window: fc
      .oneof(fc.constantFrom(0, 1, 2, 3, 5, 8), fc.integer({ min: 0, max: 60 }))
      .map((h) => h * HOUR),
    mode: fc.constantFrom("ordered", "ordered", "strict", "any"),
    exclusion: fc.option(
      fc.record({
        event: patternArb,
        from: fc.integer({ min: 1, max: 3 }),
        span: fc.integer({ min: 1, max: 3 }),
      }),
      { nil: undefined },
    ),
    filters: filtersArb,
    breakdown: fc.option(breakdownArb, { nil: undefined }),
    breakdownLimit: fc.integer({ min: 1, max: 3 }),
  })
  .map((f) => {
    const exclusions =
      f.exclusion && f.mode !== "any" && f.exclusion.from < f.steps.length
        ? [
            {
              event: f.exclusion.event,
              from: f.exclusion.from,
              to: Math.min(f.steps.length, f.exclusion.from + f.exclusion.span),
            },
          ]
        : [];
    return FunnelSpecSchema.parse({
      steps: f.steps,
      window: f.window,
      mode: f.mode,
      exclusions,
      ...f.filters,
      ...(f.breakdown ? { breakdown: f.breakdown, breakdownLimit: f.breakdownLimit } : {}),
    });
  });

/** A funnel without filters or breakdown (for paths: drop-off and comparison). */
export const funnelCoreArb = fc
  .record({
    steps: fc.array(patternArb, { minLength: 2, maxLength: 3 }),
    window: fc.integer({ min: 0, max: 60 }).map((h) => h * HOUR),
    mode: fc.constantFrom("ordered", "strict", "any"),
  })
  .map((f) => FunnelCoreSchema.parse(f));
