import { z } from "zod";

/**
 * Config section `friction` (docs/friction.md): what counts as churn, which events are
 * failures, and the thresholds of the friction signals. Every key has a default; the churn
 * defaults recover what the demo bank plants (an `Account Closed` event, no inactivity rule).
 */

const patterns = (defaults: string[]) =>
  z.array(z.string().min(1).max(200)).min(1).max(100).default(defaults);
const weight = z.number().min(0).max(1000);

export const FrictionConfigSchema = z
  .object({
    churn: z
      .object({
        /** A profile churned at its first event matching one of these. */
        events: patterns(["Account Closed"]),
        /** Also churned: no journey event in the last N days of the data; 0 = off. */
        inactivityDays: z.number().int().min(0).max(3650).default(0),
        /**
         * Steps in the last N minutes before the churn event are the act of churning (the
         * closing call, the settings screen), not a path that led to it: they are not counted.
         */
        leadInMinutes: z
          .number()
          .min(0)
          .max(30 * 24 * 60)
          .default(60),
      })
      .strict()
      .prefault({}),
    /** Failure events (event-name patterns, `*` wildcard). */
    failureEvents: patterns(["*Failed", "*Error", "*Timeout", "*Abandoned"]),
    /** A transition dwells long when it takes more than this × its median (within a session). */
    dwellFactor: z.number().gt(1).max(1000).default(3),
    /** A move to another channel within this many minutes is a channel switch mid-task. */
    channelSwitchMinutes: z
      .number()
      .positive()
      .max(7 * 24 * 60)
      .default(60),
    /** A journey stalls after its last step when the data goes on at least this many days. */
    stallDays: z.number().positive().max(3650).default(30),
    feedback: z
      .object({
        /** Survey answers and reviews: `properties.score` (by `survey_type`) or `properties.rating`. */
        events: patterns(["Survey Responded", "Review Submitted"]),
        /** Highest score that is negative, per `properties.survey_type`. */
        lowScores: z
          .record(z.string().min(1).max(50), z.number())
          .default({ nps: 6, csat: 2, ces: 3 }),
        /** Highest `properties.rating` that is negative (1–5 star reviews). */
        lowRating: z.number().default(2),
        /** Negative feedback this many minutes after a step counts against the step. */
        windowMinutes: z
          .number()
          .positive()
          .max(30 * 24 * 60)
          .default(60),
      })
      .strict()
      .prefault({}),
    /** Weights of the signals in the friction score (docs/friction.md). */
    weights: z
      .object({
        dropOff: weight.default(1),
        failure: weight.default(2),
        repeat: weight.default(1),
        longDwell: weight.default(1),
        channelSwitch: weight.default(1),
        negativeFeedback: weight.default(2),
      })
      .strict()
      .prefault({})
      .refine((w) => Object.values(w).some((x) => x > 0), "at least one weight must be positive"),
  })
  .strict()
  .prefault({});

export type FrictionConfig = z.output<typeof FrictionConfigSchema>;
export type FrictionWeights = FrictionConfig["weights"];

export const DEFAULT_FRICTION_CONFIG: FrictionConfig = FrictionConfigSchema.parse({});
