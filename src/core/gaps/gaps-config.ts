import { z } from "zod";
import { canonicalChannel } from "../channel.ts";
import { DEFAULT_DIMENSIONS, type Dimension, DimensionSchema } from "./dimensions.ts";

/** The kinds of gap metric and the weight of one point of each in the impact (docs/channel-consistency.md). */
export const GAP_METRICS = ["completion", "failure", "time", "csat", "ces", "content"] as const;
export type GapMetric = (typeof GAP_METRICS)[number];

const weight = (value: number) => z.number().min(0).max(100).default(value);
const scale = (min: number, max: number) =>
  z
    .tuple([z.number(), z.number()])
    .refine(([low, high]) => low < high, "a scale is [lowest, highest]")
    .default([min, max]);

/** Config section `gaps`: significance, sample sizes, impact weights, drill-down dimensions. */
export const GapsConfigSchema = z
  .object({
    /** False discovery rate of the gap tests (Benjamini–Hochberg) and of the omnibus gate. */
    alpha: z.number().gt(0).lt(1).default(0.05),
    /** Observations a channel needs on a metric to be compared on it (attempts, completions, responses). */
    minSample: z.number().int().min(1).default(30),
    /** Root causes listed per gap. */
    rootCauses: z.number().int().min(0).max(50).default(3),
    weights: z
      .object({
        completion: weight(1),
        failure: weight(0.5),
        time: weight(0.25),
        csat: weight(0.5),
        ces: weight(0.5),
        content: weight(0.5),
      })
      .strict()
      .prefault({}),
    /** Survey scales (higher is better): the range a satisfaction gap is measured against. */
    scales: z
      .object({ csat: scale(1, 5), ces: scale(1, 7) })
      .strict()
      .prefault({}),
    dimensions: z.array(DimensionSchema).max(50).prefault(DEFAULT_DIMENSIONS),
  })
  .strict()
  .prefault({});
export type GapsConfig = z.output<typeof GapsConfigSchema>;

export const channelList = z
  .array(z.string().min(1).max(100))
  .max(50)
  .transform((list) => list.map((name) => canonicalChannel(name) ?? name));

/** Config section `continuity`: the channel-switch window and channels that do not count. */
export const ContinuityConfigSchema = z
  .object({
    /** A switch is an event on another channel at most this long after the last one / the task start. */
    windowMinutes: z
      .number()
      .positive()
      .max(7 * 24 * 60)
      .default(60),
    /** Channels invisible to continuity (outbound channels such as email or sms, if wished). */
    ignoreChannels: channelList.default([]),
  })
  .strict()
  .prefault({});
export type ContinuityConfig = z.output<typeof ContinuityConfigSchema>;

export type { Dimension };
