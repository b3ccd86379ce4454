import type { z } from "zod";
import { AppError } from "../core/app-error.ts";
import { breakpointsInput, frictionInput, heatmapInput } from "../core/friction/query-params.ts";
import {
  BreakpointsSpecSchema,
  FrictionSpecSchema,
  HeatmapSpecSchema,
} from "../core/friction/specs.ts";
import { type FlatParams, ParamError } from "../core/journeys/query-params.ts";
import { parseInput } from "../core/parse-input.ts";
import type { EventStore } from "../store/event-store.ts";
import { getBreakpoints } from "./breakpoints.ts";
import { type FrictionAnalysisConfig, getFriction, getHeatmap } from "./friction.ts";

interface Analysis<S extends z.ZodType> {
  summary: string;
  schema: S;
  fromParams(params: FlatParams): Record<string, unknown>;
  run(store: EventStore, spec: z.output<S>, config: FrictionAnalysisConfig): Promise<unknown>;
}

const analysis = <S extends z.ZodType>(a: Analysis<S>) => a;

/** The friction analyses, as the API and the CLI offer them (same specs, same JSON). */
export const FRICTION_ANALYSES = {
  friction: analysis({
    summary:
      "Friction signals per step and transition (drop-off, failures, repeats and loops, long dwell, channel switches, negative feedback), friction score, outcome shares",
    schema: FrictionSpecSchema,
    fromParams: frictionInput,
    run: (store, spec, config) => getFriction(store, spec, config),
  }),
  breakpoints: analysis({
    summary:
      "Breakpoints: step sequences over-represented in journeys with a bad outcome (churn or a goal not reached), with lift, significance (BH FDR), folded and ranked by impact",
    schema: BreakpointsSpecSchema,
    fromParams: breakpointsInput,
    run: (store, spec, config) => getBreakpoints(store, spec, config.friction),
  }),
  heatmap: analysis({
    summary: "Pain-point heatmap: friction score per stage × channel, with the top steps per cell",
    schema: HeatmapSpecSchema,
    fromParams: heatmapInput,
    run: (store, spec, config) => getHeatmap(store, spec, config),
  }),
};

export type FrictionAnalysisName = keyof typeof FRICTION_ANALYSES;

/** Runs a friction analysis from flat parameters (query string / CLI flags) or a JSON spec. */
export async function runFrictionAnalysis(
  name: FrictionAnalysisName,
  store: EventStore,
  config: FrictionAnalysisConfig,
  input: { params: FlatParams } | { body: unknown },
): Promise<unknown> {
  let raw: unknown;
  try {
    raw = "params" in input ? FRICTION_ANALYSES[name].fromParams(input.params) : input.body;
  } catch (error) {
    if (error instanceof ParamError)
      throw new AppError("invalid_request", error.message, error.field);
    throw error;
  }
  const a = FRICTION_ANALYSES[name] as Analysis<z.ZodType>;
  return a.run(store, parseInput(a.schema, raw), config);
}
