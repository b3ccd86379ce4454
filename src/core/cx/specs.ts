import { z } from "zod";
import { SegmentSchema } from "../journeys/segment.ts";
import { JourneyFiltersSchema } from "../journeys/specs.ts";
import { SURVEY_TYPES } from "./survey-metrics.ts";

/**
 * Query specs of the CX analyses (docs/cx.md), shared by the HTTP API, the CLI and the SQL
 * builders. They extend the journey filters (date range, channels, segment).
 */

const key = z.string().min(1).max(200);

/** A breakdown dimension: `stage`, `channel`, `touchpoint`, `period`, `segment`, `trait:KEY`, `property:KEY`. */
export type Dimension =
  | { by: "stage" | "channel" | "touchpoint" | "period" | "segment" }
  | { by: "trait" | "property"; key: string };

const SIMPLE = ["stage", "channel", "touchpoint", "period", "segment"] as const;

const DimensionObject = z.union([
  z.object({ by: z.enum(SIMPLE) }).strict(),
  z.object({ by: z.enum(["trait", "property"]), key }).strict(),
]);

/** A dimension as text (`trait:tier`) or as an object. */
const dimension = (allowed: readonly string[]) =>
  z.union([z.string().min(1).max(220), DimensionObject]).transform((value, context): Dimension => {
    const raw =
      typeof value === "string"
        ? (() => {
            const [by, ...rest] = value.trim().split(":");
            return rest.length > 0 ? { by, key: rest.join(":") } : { by };
          })()
        : value;
    const parsed = DimensionObject.safeParse(raw);
    if (!parsed.success || !allowed.includes(parsed.data.by)) {
      context.addIssue({ code: "custom", message: `one of ${allowed.join(", ")}` });
      return z.NEVER;
    }
    return parsed.data;
  });

const NamedSegment = z
  .object({ name: z.string().min(1).max(100), segment: SegmentSchema })
  .strict();

const needsSegments = (
  spec: { by: Dimension[]; segments?: unknown[] },
  context: z.RefinementCtx,
) => {
  if (spec.by.some((d) => d.by === "segment") && !spec.segments?.length) {
    context.addIssue({
      code: "custom",
      message: "a segment breakdown needs `segments`: [{name, segment}, …]",
      path: ["segments"],
    });
  }
};

const SURVEY_DIMENSIONS = [...SIMPLE, "trait", "property"];

export const CxSpecSchema = JourneyFiltersSchema.extend({
  by: z.array(dimension(SURVEY_DIMENSIONS)).max(8).default([]),
  /** The unit of the `period` breakdown (UTC; weeks start on Monday). */
  period: z.enum(["day", "week", "month"]).default("week"),
  segments: z.array(NamedSegment).min(1).max(20).optional(),
  surveys: z
    .array(z.enum(SURVEY_TYPES))
    .min(1)
    .default([...SURVEY_TYPES]),
  minSample: z.number().int().min(1).max(1_000_000).optional(),
  confidence: z.number().gt(0.5).lt(1).optional(),
  /** Groups kept per breakdown (most answers first); the rest are counted in `omittedGroups`. */
  limit: z.number().int().min(1).max(1000).default(50),
  /** Include the CX index (stage scores, weights, key drivers). */
  index: z.boolean().default(true),
})
  .strict()
  .superRefine(needsSegments);
export type CxSpec = z.output<typeof CxSpecSchema>;

export const EngagementSpecSchema = JourneyFiltersSchema.extend({
  by: z
    .array(dimension(["segment", "trait"]))
    .max(4)
    .default([]),
  segments: z.array(NamedSegment).min(1).max(20).optional(),
  /** This profile's score and parts. */
  profile: z.string().min(1).optional(),
  /** The most engaged profiles listed. */
  limit: z.number().int().min(0).max(1000).default(10),
})
  .strict()
  .superRefine(needsSegments);
export type EngagementSpec = z.output<typeof EngagementSpecSchema>;

export const KpisSpecSchema = JourneyFiltersSchema.extend({
  /** Inactivity that ends a web or app session (default config journeys.sessionGapMinutes). */
  gapMinutes: z
    .number()
    .positive()
    .max(7 * 24 * 60)
    .optional(),
}).strict();
export type KpisSpec = z.output<typeof KpisSpecSchema>;

const answerValue = z.union([z.string().max(100), z.number()]);

export const KanoAnswerSchema = z
  .object({
    respondent: z.union([z.string().min(1).max(200), z.number()]).transform(String),
    feature: z.string().trim().min(1).max(200),
    functional: answerValue,
    dysfunctional: answerValue,
  })
  .strict();
export type KanoAnswerInput = z.output<typeof KanoAnswerSchema>;

/** `POST /api/kano`: paired answers as JSON, or the text of a CSV file with those columns. */
export const KanoSpecSchema = z.union([
  z.object({ answers: z.array(KanoAnswerSchema).min(1).max(1_000_000) }).strict(),
  z.object({ csv: z.string().min(1) }).strict(),
]);
export type KanoSpec = z.output<typeof KanoSpecSchema>;

/** `GET /api/kano`: KANO answers sent as `Survey Responded` events (survey_type kano). */
export const KanoEventsSpecSchema = JourneyFiltersSchema.strict();
export type KanoEventsSpec = z.output<typeof KanoEventsSpecSchema>;
