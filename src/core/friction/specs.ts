import { z } from "zod";
import { JourneyFiltersSchema } from "../journeys/specs.ts";
import type { FrictionConfig } from "./friction-config.ts";

/**
 * Query specs of the friction analyses (friction signals, breakpoints, heatmap): zod schemas
 * shared by the HTTP API, the CLI and the SQL builders (docs/friction.md). Filters are the
 * journey analyses' (date range, channels, segment).
 */

const patterns = z
  .union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).min(1).max(20)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

export const OUTCOMES = ["churn", "goal"] as const;

/** The bad outcome; churn settings left out come from config `friction.churn`. */
const OutcomeShape = {
  outcome: z.enum(OUTCOMES).optional(),
  churnEvents: patterns.optional(),
  inactivityDays: z.number().int().min(0).max(3650).optional(),
  leadInMinutes: z
    .number()
    .min(0)
    .max(30 * 24 * 60)
    .optional(),
  /** With `outcome: goal`: the goal event; not reaching it is the bad outcome. */
  goal: patterns.optional(),
};

type RawOutcome = {
  outcome?: string;
  goal?: string[];
  churnEvents?: unknown;
  inactivityDays?: unknown;
  leadInMinutes?: unknown;
};

/** `goal` alone means outcome goal; churn settings do not go with a goal. */
function checkOutcome(spec: RawOutcome, context: z.RefinementCtx) {
  const kind = spec.outcome ?? (spec.goal ? "goal" : undefined);
  if (kind === "goal" && spec.goal === undefined) {
    context.addIssue({
      code: "custom",
      message: "outcome goal needs a goal event",
      path: ["goal"],
    });
  }
  if (kind === "churn" && spec.goal !== undefined) {
    context.addIssue({ code: "custom", message: "goal is for outcome goal", path: ["goal"] });
  }
  for (const key of ["churnEvents", "inactivityDays", "leadInMinutes"] as const) {
    if (kind === "goal" && spec[key] !== undefined) {
      context.addIssue({ code: "custom", message: "is for outcome churn", path: [key] });
    }
  }
}

export const BreakpointsSpecSchema = JourneyFiltersSchema.extend({
  ...OutcomeShape,
  /** Longest step sequence (n-gram) tested. */
  maxLength: z.number().int().min(1).max(4).default(4),
  collapseRepeats: z.boolean().default(false),
  /** Sequences are tested when at least max(minProfiles, minSupport × profiles) went through. */
  minProfiles: z.number().int().min(1).max(1_000_000).default(10),
  minSupport: z.number().min(0).max(1).default(0.001),
  minLift: z.number().min(1).max(1000).default(1.2),
  /** False-discovery rate (Benjamini–Hochberg q) below which a finding is reported. */
  alpha: z.number().gt(0).lt(1).default(0.05),
  /** Share of a sequence's bad-outcome profiles a longer one must cover to fold with it. */
  foldCoverage: z.number().gt(0).max(1).default(0.9),
  limit: z.number().int().min(1).max(500).default(20),
})
  .strict()
  .superRefine(checkOutcome);
export type BreakpointsSpec = z.output<typeof BreakpointsSpecSchema>;

export const FrictionSpecSchema = JourneyFiltersSchema.extend({
  ...OutcomeShape,
  /** Steps and transitions with fewer occurrences are left out of the lists. */
  minCount: z.number().int().min(1).max(1_000_000).default(10),
  limit: z.number().int().min(1).max(5000).default(50),
})
  .strict()
  .superRefine(checkOutcome);
export type FrictionSpec = z.output<typeof FrictionSpecSchema>;

export const HeatmapSpecSchema = JourneyFiltersSchema.extend({
  /** Contributing steps listed per cell. */
  top: z.number().int().min(0).max(20).default(3),
}).strict();
export type HeatmapSpec = z.output<typeof HeatmapSpecSchema>;

/** A resolved outcome: what makes a profile's outcome bad and where its counted journey ends. */
export type Outcome =
  | {
      kind: "churn";
      events: string[];
      /** 0 = no inactivity rule. */
      inactivityDays: number;
      leadInMs: number;
    }
  | { kind: "goal"; events: string[] };

type OutcomeInput = {
  outcome?: (typeof OUTCOMES)[number];
  churnEvents?: string[];
  inactivityDays?: number;
  leadInMinutes?: number;
  goal?: string[];
};

/**
 * The spec's outcome with config defaults: `outcome`, else goal when a goal is given, churn
 * when a churn setting is, else `fallback`; undefined when there is none.
 */
export function resolveOutcome(
  spec: OutcomeInput,
  config: FrictionConfig,
  fallback?: "churn",
): Outcome | undefined {
  const churnSettings =
    spec.churnEvents !== undefined ||
    spec.inactivityDays !== undefined ||
    spec.leadInMinutes !== undefined;
  const kind = spec.outcome ?? (spec.goal ? "goal" : churnSettings ? "churn" : fallback);
  if (kind === undefined) return undefined;
  if (kind === "goal") return { kind: "goal", events: spec.goal ?? [] };
  return {
    kind: "churn",
    events: spec.churnEvents ?? config.churn.events,
    inactivityDays: spec.inactivityDays ?? config.churn.inactivityDays,
    leadInMs: Math.round((spec.leadInMinutes ?? config.churn.leadInMinutes) * 60_000),
  };
}
