import type { z } from "zod";
import { type Analysis, analysisOf, runAnalysis } from "../analysis/analysis-registry.ts";
import {
  funnelInput,
  mapInput,
  pathsInput,
  retentionInput,
  sessionsInput,
  stagesInput,
} from "../core/journeys/query-params.ts";
import {
  FunnelSpecSchema,
  MapSpecSchema,
  PathsSpecSchema,
  RetentionSpecSchema,
  SessionsSpecSchema,
  StagesSpecSchema,
} from "../core/journeys/specs.ts";
import type { JourneysConfig } from "../core/journeys/stage-model.ts";
import { type AnalysisInput, parseInput } from "../core/parse-input.ts";
import type { EventStore } from "../store/event-store.ts";
import { getFunnel } from "./funnel.ts";
import { getJourneyMap } from "./map.ts";
import { getPaths } from "./paths.ts";
import { getRetention } from "./retention.ts";
import { getSessions } from "./sessions.ts";
import { getStages } from "./stages.ts";

const analysis = analysisOf<JourneysConfig>();

/** The journey analyses, as the API and the CLI offer them (same specs, same JSON). */
export const JOURNEY_ANALYSES = {
  funnel: analysis({
    summary:
      "Funnel: profiles per step, conversion, drop-off, time between steps, breakdown, weekly conversion",
    schema: FunnelSpecSchema,
    fromParams: funnelInput,
    run: (store, spec) => getFunnel(store, spec),
  }),
  paths: analysis({
    summary:
      "Top paths from a start event, to an end event or after a funnel drop-off; Sankey nodes/links; group comparison",
    schema: PathsSpecSchema,
    fromParams: pathsInput,
    run: (store, spec) => getPaths(store, spec),
  }),
  map: analysis({
    summary:
      "Journey map: directly-follows graph (PM4Py DFG) of events, stages or channel × event; variants",
    schema: MapSpecSchema,
    fromParams: mapInput,
    run: (store, spec, config) => getJourneyMap(store, spec, config),
  }),
  retention: analysis({
    summary: "Retention by cohort of first-event period, and active profiles per day/week/month",
    schema: RetentionSpecSchema,
    fromParams: retentionInput,
    run: (store, spec) => getRetention(store, spec),
  }),
  sessions: analysis({
    summary:
      "Sessions across channels (inactivity gap): summary, channel paths, entries, exits, list",
    schema: SessionsSpecSchema,
    fromParams: sessionsInput,
    run: (store, spec, config) => getSessions(store, spec, config.sessionGapMinutes),
  }),
  stages: analysis({
    summary:
      "Stage model: events and profiles per stage, furthest stage, transitions, first reached by week",
    schema: StagesSpecSchema,
    fromParams: stagesInput,
    run: (store, spec, config) => getStages(store, spec, config),
  }),
};

export type JourneyAnalysisName = keyof typeof JOURNEY_ANALYSES;

/** Validates a spec; the error names the first bad field. */
export const parseSpec = (name: JourneyAnalysisName, input: unknown): unknown =>
  parseInput(JOURNEY_ANALYSES[name].schema, input);

/** Runs an analysis from flat parameters (query string / CLI flags) or a JSON spec. */
export function runJourneyAnalysis(
  name: JourneyAnalysisName,
  store: EventStore,
  config: JourneysConfig,
  input: AnalysisInput,
): Promise<unknown> {
  return runAnalysis(
    JOURNEY_ANALYSES[name] as Analysis<z.ZodType, JourneysConfig>,
    store,
    config,
    input,
  );
}
