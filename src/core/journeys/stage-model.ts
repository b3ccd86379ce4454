import { z } from "zod";
import { type EventPattern, matchesAny } from "./event-pattern.ts";

/**
 * The journey stage model: ordered stages, each with event-name patterns. An event takes the
 * first stage (in order) with a matching pattern; an event no rule matches takes
 * `unmatchedStage` — by default the first stage, so unknown events never raise a profile's
 * furthest stage.
 */
export interface StageModel {
  stages: { name: string; events: EventPattern[] }[];
  unmatchedStage: string;
}

/** Defaults: the Segment e-commerce spec, common service events and the demo bank's events. */
export const DEFAULT_STAGES: StageModel["stages"] = [
  {
    name: "awareness",
    events: [
      "Ad *",
      "Email Opened",
      "Email Link Clicked",
      "SMS Received",
      "Push Notification *",
      "Promotion *",
      "Products Searched",
      "Home",
      "Landing*",
      "Application Installed",
    ],
  },
  {
    name: "consideration",
    events: [
      "Product Viewed",
      "Product Clicked",
      "Product List *",
      "Product Compared",
      "Product Added*",
      "Product Removed",
      "Cart Viewed",
      "Compare *",
      "Rates",
      "Offers",
      "Signed Up",
    ],
  },
  {
    name: "purchase",
    events: [
      "Checkout *",
      "Payment Info Entered",
      "Coupon *",
      "Order Completed",
      "Order Updated",
      "Application Started",
      "Apply",
      "Identity Check",
      "Account Opened",
      "Subscription Started",
      "Trial Started",
    ],
  },
  {
    name: "service",
    events: [
      "Support *",
      "Customer Service *",
      "Call Center Call",
      "Branch Visit",
      "Store Visit",
      "Ticket *",
      "Order Refunded",
      "Order Cancelled",
      "Product Returned",
      "Account *",
      "Transfer*",
      "Statement*",
      "Card *",
      "Login",
      "Dashboard",
      "Accounts",
      "Cards",
      "Settings",
      "Survey Responded",
    ],
  },
  {
    name: "loyalty",
    events: [
      "Referral *",
      "Review Submitted",
      "Product Reviewed",
      "Product Shared",
      "Cart Shared",
      "Loyalty *",
      "Reward *",
      "Subscription Renewed",
    ],
  },
];

const StageSchema = z
  .object({
    name: z.string().min(1).max(100),
    events: z.array(z.string().min(1)).max(500).default([]),
  })
  .strict();

function checkStages(
  model: { stages: { name: string }[]; unmatchedStage?: string },
  context: z.RefinementCtx,
) {
  const seen = new Set<string>();
  model.stages.forEach((stage, index) => {
    if (seen.has(stage.name)) {
      context.addIssue({
        code: "custom",
        message: `duplicate stage "${stage.name}"`,
        path: ["stages", index, "name"],
      });
    }
    seen.add(stage.name);
  });
  if (model.unmatchedStage !== undefined && !seen.has(model.unmatchedStage)) {
    context.addIssue({
      code: "custom",
      message: `"${model.unmatchedStage}" is not one of the stages`,
      path: ["unmatchedStage"],
    });
  }
}

const stageFields = {
  stages: z.array(StageSchema).min(1).max(20).default(DEFAULT_STAGES),
  unmatchedStage: z.string().min(1).optional(),
};

/** A stage model (stages in order, each with event patterns; the stage of unmatched events). */
export const StageModelSchema = z
  .object(stageFields)
  .strict()
  .superRefine(checkStages)
  .transform(
    (model): StageModel => ({
      stages: model.stages,
      unmatchedStage: model.unmatchedStage ?? (model.stages[0]?.name as string),
    }),
  );

/** Config section `journeys`: the stage model and the session inactivity gap. */
export const JourneysConfigSchema = z
  .object({
    ...stageFields,
    /** Minutes of inactivity that end a session. */
    sessionGapMinutes: z
      .number()
      .positive()
      .max(7 * 24 * 60)
      .default(30),
  })
  .strict()
  .superRefine(checkStages)
  .transform((config) => ({
    stages: config.stages,
    unmatchedStage: config.unmatchedStage ?? (config.stages[0]?.name as string),
    sessionGapMinutes: config.sessionGapMinutes,
  }))
  .prefault({});
export type JourneysConfig = z.output<typeof JourneysConfigSchema>;

export const DEFAULT_STAGE_MODEL: StageModel = {
  stages: DEFAULT_STAGES,
  unmatchedStage: "awareness",
};

/** The stage of an event name (the reference for the SQL CASE in `stage-sql.ts`). */
export function stageOf(model: StageModel, event: string | null): string {
  for (const stage of model.stages) if (matchesAny(stage.events, event)) return stage.name;
  return model.unmatchedStage;
}

/** Position (0-based) of a stage in the model. */
export function stageIndex(model: StageModel, name: string): number {
  return model.stages.findIndex((stage) => stage.name === name);
}
