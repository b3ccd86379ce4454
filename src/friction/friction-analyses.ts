import type { z } from "zod";
import { type Analysis, analysisOf, runAnalysis } from "../analysis/analysis-registry.ts";
import { breakpointsInput, frictionInput, heatmapInput } from "../core/friction/query-params.ts";
import {
  BreakpointsSpecSchema,
  FrictionSpecSchema,
  HeatmapSpecSchema,
} from "../core/friction/specs.ts";
import type { AnalysisInput } from "../core/parse-input.ts";
import type { EventStore } from "../store/event-store.ts";
import { getBreakpoints } from "./breakpoints.ts";
import { type FrictionAnalysisConfig, getFriction, getHeatmap } from "./friction.ts";

const analysis = analysisOf<FrictionAnalysisConfig>();

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

/** Runs an analysis from flat parameters (query string / CLI flags) or a JSON spec. */
export function runFrictionAnalysis(
  name: FrictionAnalysisName,
  store: EventStore,
  config: FrictionAnalysisConfig,
  input: AnalysisInput,
): Promise<unknown> {
  return runAnalysis(
    FRICTION_ANALYSES[name] as Analysis<z.ZodType, FrictionAnalysisConfig>,
    store,
    config,
    input,
  );
}
