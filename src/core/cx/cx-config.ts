import { z } from "zod";

/**
 * Config section `cx` (docs/cx.md): survey scales, minimum samples, stage weights of the CX
 * index, the signals of a stage score, engagement and channel KPI event names. Every key has a
 * default; event names default to the Segment spec and to what the demo bank sends.
 */

const patterns = (defaults: string[]) =>
  z.array(z.string().min(1).max(200)).max(100).default(defaults);
const properties = (defaults: string[]) =>
  z.array(z.string().min(1).max(200)).min(1).max(10).default(defaults);
const weight = z.number().min(0).max(1000);

const ProcessSchema = z
  .object({
    name: z.string().min(1).max(100),
    start: z.string().min(1).max(200),
    complete: z.string().min(1).max(200),
    /** Minutes allowed from start to completion. */
    windowMinutes: z
      .number()
      .positive()
      .max(366 * 24 * 60),
  })
  .strict();

export const CxConfigSchema = z
  .object({
    /** Event names (patterns) of survey answers; the answer is in properties.score. */
    surveyEvents: patterns(["Survey Responded"]).refine((list) => list.length > 0, "give one"),
    /** Groups with fewer responses (or profiles) carry a low-sample warning. */
    minSample: z.number().int().min(1).max(1_000_000).default(30),
    /** Confidence level of every interval. */
    confidence: z.number().gt(0.5).lt(1).default(0.95),
    /** False-discovery rate (Benjamini–Hochberg) for the group-vs-rest tests. */
    fdr: z.number().gt(0).lt(1).default(0.05),
    scales: z
      .object({
        csat: z
          .object({
            min: z.number().default(1),
            max: z.number().default(5),
            /** Top-2-box on a 1–5 scale: 4 and 5 are satisfied. */
            satisfiedFrom: z.number().default(4),
          })
          .strict()
          .prefault({}),
        ces: z
          .object({
            min: z.number().default(1),
            max: z.number().default(7),
            /** "Easy": 5, 6, 7 on the 1–7 agreement scale (higher is easier). */
            easyFrom: z.number().default(5),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /** properties.touchpoint → stage, for surveys that name a touchpoint but not a stage. */
    touchpointStages: z.record(z.string().min(1), z.string().min(1)).default({}),
    /** Stage weights wᵢ of CX = Σ wᵢ·Eᵢ; stages left out weigh 1 (default: all equal). */
    stageWeights: z.record(z.string().min(1), weight).default({}),
    /** Weights of the signals in a stage score Eᵢ (absent signals are left out). */
    stageScore: z
      .object({
        survey: weight.default(0.5),
        completion: weight.default(0.2),
        failureFree: weight.default(0.2),
        sentiment: weight.default(0.1),
      })
      .strict()
      .prefault({}),
    /** Events that are failures (for the failure-free share of a stage). */
    failureEvents: patterns(["*Failed", "*Error*", "*Timeout", "*Crashed", "*Declined"]),
    engagement: z
      .object({
        weights: z
          .object({
            frequency: weight.default(0.4),
            diversity: weight.default(0.3),
            depth: weight.default(0.3),
          })
          .strict()
          .prefault({}),
        /** Collaborative actions (depth): reviews, referrals, feedback, shares, ideas. */
        collaborativeEvents: patterns([
          "Review Submitted",
          "Product Reviewed",
          "Referral *",
          "Survey Responded",
          "Feedback *",
          "Product Shared",
          "Cart Shared",
          "Idea *",
          "Community *",
        ]),
        /** Each signal is divided by this percentile of its positive values (capped at 1). */
        capPercentile: z.number().gt(0).max(1).default(0.95),
      })
      .strict()
      .prefault({}),
    kpis: z
      .object({
        conversionEvents: patterns([
          "Order Completed",
          "Account Opened",
          "Signed Up",
          "Subscription Started",
        ]),
        loadTimeProperties: properties(["load_time_ms", "page_load_ms"]),
        crashEvents: patterns(["Application Crashed"]),
        email: z
          .object({
            sent: patterns(["Email Sent"]),
            delivered: patterns(["Email Delivered"]),
            bounced: patterns(["Email Bounced"]),
            opened: patterns(["Email Opened"]),
            clicked: patterns(["Email Link Clicked"]),
            unsubscribed: patterns(["Unsubscribed", "Email Unsubscribed"]),
            /** What identifies one email (opens of one email by one profile count once). */
            idProperties: properties(["email_id", "campaign_id"]),
          })
          .strict()
          .prefault({}),
        chat: z
          .object({
            started: patterns(["Support Chat Started", "Live Chat Conversation Started"]),
            ended: patterns(["Support Chat Ended", "Live Chat Conversation Ended"]),
            firstResponseProperties: properties(["first_response_seconds", "wait_seconds"]),
            resolvedProperty: z.string().min(1).default("resolved"),
          })
          .strict()
          .prefault({}),
        callCenter: z
          .object({
            calls: patterns(["Call Center Call", "Call Completed"]),
            handleTimeProperties: properties(["handle_time_seconds", "duration_seconds"]),
            waitProperties: properties(["wait_seconds"]),
            resolvedProperty: z.string().min(1).default("resolved"),
          })
          .strict()
          .prefault({}),
        /** Start → completion processes whose abandonment is reported (2-step funnels). */
        processes: z
          .array(ProcessSchema)
          .max(20)
          .default([
            {
              name: "application",
              start: "Application Started",
              complete: "Account Opened",
              windowMinutes: 30 * 24 * 60,
            },
            {
              name: "checkout",
              start: "Checkout Started",
              complete: "Order Completed",
              windowMinutes: 24 * 60,
            },
          ]),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((config, context) => {
    const w = config.engagement.weights;
    if (w.frequency + w.diversity + w.depth <= 0) {
      context.addIssue({
        code: "custom",
        message: "the weights must not all be 0",
        path: ["engagement", "weights"],
      });
    }
    for (const [key, scale] of Object.entries(config.scales)) {
      const cut = "satisfiedFrom" in scale ? scale.satisfiedFrom : scale.easyFrom;
      if (!(scale.min < scale.max && cut > scale.min && cut <= scale.max)) {
        context.addIssue({
          code: "custom",
          message: "needs min < threshold <= max",
          path: ["scales", key],
        });
      }
    }
  })
  .prefault({});

export type CxConfig = z.output<typeof CxConfigSchema>;

/** The defaults (an empty `cx` section). */
export const DEFAULT_CX_CONFIG: CxConfig = CxConfigSchema.parse({});
