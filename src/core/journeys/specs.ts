import { z } from "zod";
import { canonicalChannel } from "../channel.ts";
import { SegmentSchema } from "./segment.ts";

/**
 * The query specs of the journey analyses (funnel, paths, map, retention, sessions, stages):
 * one zod schema each, shared by the HTTP API (GET query strings and POST bodies), the CLI and
 * the SQL builders. Dates are ISO-8601; `from` is inclusive and `to` exclusive.
 */

const isoDate = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: "not an ISO-8601 date",
  })
  .transform((s) => new Date(s).toISOString());

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1e3,
  m: 60e3,
  h: 3600e3,
  d: 86400e3,
  w: 604800e3,
};

/** A duration: milliseconds, or text such as `500ms`, `45s`, `30m`, `12h`, `7d`, `2w`. */
export const DurationSchema = z
  .union([z.number(), z.string()])
  .transform((value, context) => {
    if (typeof value === "number") return value;
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/.exec(value);
    if (!match) {
      context.addIssue({ code: "custom", message: "a duration such as 30m, 12h, 7d or 2w" });
      return z.NEVER;
    }
    return Math.round(Number(match[1]) * (UNITS[match[2] ?? "ms"] as number));
  })
  .pipe(
    z
      .number()
      .int()
      .min(0)
      .max(366 * 86400e3),
  );

const channelList = z
  .array(z.string().min(1))
  .min(1)
  .max(20)
  .transform((list) => list.map((name) => canonicalChannel(name) ?? name));

/** Filters every journey analysis takes: date range, channels, segment. */
export const JourneyFiltersSchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  channels: channelList.optional(),
  segment: SegmentSchema.optional(),
});
export type JourneyFilters = z.output<typeof JourneyFiltersSchema>;

const pattern = z.string().min(1).max(200);

export const FunnelStepSchema = z
  .union([pattern, z.object({ event: pattern, label: z.string().max(200).optional() }).strict()])
  .transform((step) =>
    typeof step === "string"
      ? { event: step, label: step }
      : { event: step.event, label: step.label ?? step.event },
  );

const NamedSegment = z
  .object({ name: z.string().min(1).max(100), segment: SegmentSchema })
  .strict();

export const BreakdownSchema = z.discriminatedUnion("by", [
  z.object({ by: z.literal("channel") }).strict(),
  z.object({ by: z.literal("property"), key: z.string().min(1).max(200) }).strict(),
  z.object({ by: z.literal("trait"), key: z.string().min(1).max(200) }).strict(),
  z.object({ by: z.literal("segment"), segments: z.array(NamedSegment).min(1).max(20) }).strict(),
]);
export type Breakdown = z.output<typeof BreakdownSchema>;

export const FUNNEL_MODES = ["ordered", "strict", "any"] as const;

/** A funnel without filters: steps, window, mode and exclusions. */
const FunnelCoreShape = {
  steps: z
    .array(FunnelStepSchema)
    .min(2, "a funnel needs 2 to 30 steps")
    .max(30, "a funnel needs 2 to 30 steps"),
  window: DurationSchema.default(7 * 86400e3),
  mode: z.enum(FUNNEL_MODES).default("ordered"),
  exclusions: z
    .array(
      z
        .object({
          event: pattern,
          from: z.number().int().min(1).optional(),
          to: z.number().int().optional(),
        })
        .strict(),
    )
    .max(10)
    .default([]),
};

type RawFunnel = {
  steps: unknown[];
  mode: string;
  exclusions: { event: string; from?: number; to?: number }[];
};

function checkFunnel(funnel: RawFunnel, context: z.RefinementCtx) {
  if (funnel.mode === "any" && funnel.exclusions.length > 0) {
    context.addIssue({
      code: "custom",
      message: "exclusions apply to ordered and strict funnels",
      path: ["exclusions"],
    });
  }
  funnel.exclusions.forEach((exclusion, index) => {
    const from = exclusion.from ?? 1;
    const to = exclusion.to ?? funnel.steps.length;
    if (!(from < to && to <= funnel.steps.length)) {
      context.addIssue({
        code: "custom",
        message: `from and to must be step numbers with 1 <= from < to <= ${funnel.steps.length}`,
        path: ["exclusions", index],
      });
    }
  });
}

export interface Exclusion {
  event: string;
  /** The exclusion applies strictly between the events of steps `from` and `to` (1-based). */
  from: number;
  to: number;
}

const withExclusionRange = <T extends RawFunnel>(
  funnel: T,
): Omit<T, "exclusions"> & { exclusions: Exclusion[] } => ({
  ...funnel,
  exclusions: funnel.exclusions.map((x) => ({
    event: x.event,
    from: x.from ?? 1,
    to: x.to ?? funnel.steps.length,
  })),
});

export const FunnelCoreSchema = z
  .object(FunnelCoreShape)
  .strict()
  .superRefine(checkFunnel)
  .transform(withExclusionRange);
export type FunnelCore = z.output<typeof FunnelCoreSchema>;

export const FunnelSpecSchema = JourneyFiltersSchema.extend({
  ...FunnelCoreShape,
  breakdown: BreakdownSchema.optional(),
  breakdownLimit: z.number().int().min(1).max(100).default(20),
})
  .strict()
  .superRefine(checkFunnel)
  .transform(withExclusionRange);
export type FunnelSpec = z.output<typeof FunnelSpecSchema>;

export const PathsSpecSchema = JourneyFiltersSchema.extend({
  start: pattern.optional(),
  end: pattern.optional(),
  depth: z.number().int().min(2).max(20).default(5),
  collapseRepeats: z.boolean().default(true),
  limit: z.number().int().min(1).max(500).default(20),
  minProfiles: z.number().int().min(1).default(1),
  dropOff: z
    .object({ funnel: FunnelCoreSchema, step: z.number().int().min(1) })
    .strict()
    .optional(),
  compare: z
    .union([
      z.object({ segments: z.tuple([NamedSegment, NamedSegment]) }).strict(),
      z.object({ funnel: FunnelCoreSchema }).strict(),
    ])
    .optional(),
})
  .strict()
  .superRefine((spec, context) => {
    const anchors = [spec.start, spec.end, spec.dropOff].filter((a) => a !== undefined);
    if (anchors.length > 1) {
      context.addIssue({ code: "custom", message: "give one of start, end or dropOff", path: [] });
    }
    const dropOff = spec.dropOff;
    if (dropOff && dropOff.funnel.mode === "any") {
      context.addIssue({
        code: "custom",
        message: "drop-off paths need an ordered or strict funnel",
        path: ["dropOff", "funnel", "mode"],
      });
    }
    if (dropOff && dropOff.step >= dropOff.funnel.steps.length) {
      context.addIssue({
        code: "custom",
        message: `a drop-off step is 1 to ${dropOff.funnel.steps.length - 1} (after the last step they converted)`,
        path: ["dropOff", "step"],
      });
    }
  });
export type PathsSpec = z.output<typeof PathsSpecSchema>;

export const MAP_ACTIVITIES = ["event", "stage", "channel_event"] as const;

export const MapSpecSchema = JourneyFiltersSchema.extend({
  activity: z.enum(MAP_ACTIVITIES).default("event"),
  minCount: z.number().int().min(1).default(1),
  minShare: z.number().min(0).max(1).default(0),
  maxEdges: z.number().int().min(1).max(5000).default(200),
  variants: z.number().int().min(0).max(100).default(10),
}).strict();
export type MapSpec = z.output<typeof MapSpecSchema>;

const PERIODS = ["day", "week", "month"] as const;

export const RetentionSpecSchema = JourneyFiltersSchema.extend({
  period: z.enum(PERIODS).default("week"),
  periods: z.number().int().min(1).max(104).default(8),
  startEvent: pattern.optional(),
  returnEvent: pattern.optional(),
  activeInterval: z.enum(PERIODS).default("day"),
}).strict();
export type RetentionSpec = z.output<typeof RetentionSpecSchema>;

export const SessionsSpecSchema = JourneyFiltersSchema.extend({
  gapMinutes: z
    .number()
    .positive()
    .max(7 * 24 * 60)
    .optional(),
  profile: z.string().min(1).optional(),
  limit: z.number().int().min(0).max(100_000).default(100),
  top: z.number().int().min(1).max(100).default(10),
}).strict();
export type SessionsSpec = z.output<typeof SessionsSpecSchema>;

export const StagesSpecSchema = JourneyFiltersSchema.extend({
  profile: z.string().min(1).optional(),
}).strict();
export type StagesSpec = z.output<typeof StagesSpecSchema>;
