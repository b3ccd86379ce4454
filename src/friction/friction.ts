import type { FrictionConfig } from "../core/friction/friction-config.ts";
import { type FrictionResult, frictionResult } from "../core/friction/friction-result.ts";
import { type HeatmapResult, heatmap } from "../core/friction/heatmap.ts";
import type { NgramCounts } from "../core/friction/ngram-reference.ts";
import { type FrictionSpec, type HeatmapSpec, resolveOutcome } from "../core/friction/specs.ts";
import type { JourneysConfig } from "../core/journeys/stage-model.ts";
import { type JourneySource, journeySource } from "../journeys/journey-index.ts";
import type { EventStore } from "../store/event-store.ts";
import { ngramSource } from "./breakpoints.ts";
import { frictionRows, frictionSql, indexedFrictionSql } from "./friction-sql.ts";
import { ngramRows, ngramSql } from "./ngram-sql.ts";

/** The config sections the friction analyses read. */
export interface FrictionAnalysisConfig {
  friction: FrictionConfig;
  journeys: JourneysConfig;
}

async function signalCounts(
  store: EventStore,
  spec: FrictionSpec | HeatmapSpec,
  config: FrictionAnalysisConfig,
  source: JourneySource,
) {
  const options = {
    config: config.friction,
    sessionGapMinutes: config.journeys.sessionGapMinutes,
  };
  // The index's stored steps are those of whole journeys: no channel filter.
  const indexed = !spec.channels && source === "index";
  const { sql, values } = indexed
    ? indexedFrictionSql(spec, options)
    : frictionSql(store.dialect, spec, options);
  return frictionRows(await store.query(sql, values));
}

/** Friction signals per step and transition (docs/friction.md), with outcome shares if asked. */
export async function getFriction(
  store: EventStore,
  spec: FrictionSpec,
  config: FrictionAnalysisConfig,
): Promise<FrictionResult> {
  const outcome = resolveOutcome(spec, config.friction);
  const source = await journeySource(store);
  const counts = await signalCounts(store, spec, config, source);
  let outcomeCounts: NgramCounts | undefined;
  if (outcome) {
    // One after the other: two big sorts at once only contend for DuckDB's memory limit.
    const { sql, values } = ngramSql(store.dialect, spec, outcome, {
      maxLength: 2,
      collapseRepeats: false,
      mode: "all",
      ...(await ngramSource(store, spec, false, source)),
    });
    outcomeCounts = ngramRows(await store.query(sql, values), 2);
  }
  return frictionResult(counts, spec, {
    config: config.friction,
    model: config.journeys,
    outcome,
    outcomeCounts,
  });
}

/** The pain-point heatmap: stage × channel friction scores (docs/friction.md#heatmap). */
export async function getHeatmap(
  store: EventStore,
  spec: HeatmapSpec,
  config: FrictionAnalysisConfig,
): Promise<HeatmapResult> {
  const counts = await signalCounts(store, spec, config, await journeySource(store));
  return heatmap(counts, {
    model: config.journeys,
    weights: config.friction.weights,
    top: spec.top,
  });
}
