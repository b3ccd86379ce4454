import type { z } from "zod";
import { type Analysis, analysisOf, runAnalysis } from "../analysis/analysis-registry.ts";
import { continuityInput, gapsInput, tasksInput } from "../core/gaps/query-params.ts";
import {
  AuditSpecSchema,
  ContinuitySpecSchema,
  GapsSpecSchema,
  TasksSpecSchema,
} from "../core/gaps/specs.ts";
import { type AnalysisInput, parseInput } from "../core/parse-input.ts";
import type { EventStore } from "../store/event-store.ts";
import { type ChannelSettings, getContinuity, getGaps, getTasks, runAudit } from "./gaps.ts";

const analysis = analysisOf<ChannelSettings>();

/** The channel-consistency analyses, as the API and the CLI offer them (same specs, same JSON). */
export const CHANNEL_ANALYSES = {
  tasks: analysis({
    summary:
      "Tasks per channel: attempts, completion, failures, median time to complete, CSAT, CES, feedback sentiment",
    schema: TasksSpecSchema,
    fromParams: tasksInput,
    run: getTasks,
  }),
  gaps: analysis({
    summary:
      "Channel gaps: each task's channels against the best one (tests, type, impact priority, root causes)",
    schema: GapsSpecSchema,
    fromParams: gapsInput,
    run: getGaps,
  }),
  continuity: analysis({
    summary:
      "Channel continuity: switches, switches during tasks, outcomes after a switch, context-lost (restart) rate",
    schema: ContinuitySpecSchema,
    fromParams: continuityInput,
    run: getContinuity,
  }),
};

export type ChannelAnalysisName = keyof typeof CHANNEL_ANALYSES;

/** Runs an analysis from flat parameters (query string / CLI flags) or a JSON spec. */
export function runChannelAnalysis(
  name: ChannelAnalysisName,
  store: EventStore,
  settings: ChannelSettings,
  input: AnalysisInput,
): Promise<unknown> {
  return runAnalysis(
    CHANNEL_ANALYSES[name] as Analysis<z.ZodType, ChannelSettings>,
    store,
    settings,
    input,
  );
}

/** Content consistency and brand voice of a JSON body `{items, channels?}`. */
export function runAuditRequest(body: unknown, settings: ChannelSettings) {
  return runAudit(parseInput(AuditSpecSchema, body), settings);
}
