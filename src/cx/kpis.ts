import type { CxConfig } from "../core/cx/cx-config.ts";
import { type KpisResult, kpisResult, type ProcessKpi, rate } from "../core/cx/kpis-result.ts";
import type { KpisSpec } from "../core/cx/specs.ts";
import type { FunnelResult } from "../core/journeys/funnel-result.ts";
import { FunnelSpecSchema, type JourneyFilters } from "../core/journeys/specs.ts";
import type { StageModel } from "../core/journeys/stage-model.ts";
import { getFunnel } from "../journeys/funnel.ts";
import type { EventStore } from "../store/event-store.ts";
import { cxRows, stageSignalsSql } from "./cx-sql.ts";
import { kpiRows, kpisSql } from "./kpis-sql.ts";

const r = (x: number) => Math.round(x * 10_000) / 10_000;

/** A start → completion process as a 2-step funnel: completion, abandonment, time taken. */
export function processKpi(
  process: CxConfig["kpis"]["processes"][number],
  funnel: FunnelResult,
): ProcessKpi {
  const started = funnel.steps[0]?.profiles ?? 0;
  const completed = funnel.steps[1]?.profiles ?? 0;
  const median = funnel.steps[1]?.medianMsFromPrevious ?? null;
  return {
    name: process.name,
    start: process.start,
    complete: process.complete,
    windowMinutes: process.windowMinutes,
    started,
    completed,
    conversionRate: rate(completed, started),
    abandonmentRate: rate(started - completed, started),
    medianMinutesToComplete: median === null ? null : r(median / 60_000),
  };
}

export const processFunnelSpec = (
  process: CxConfig["kpis"]["processes"][number],
  filters: JourneyFilters,
) =>
  FunnelSpecSchema.parse({
    ...filters,
    steps: [process.start, process.complete],
    window: Math.round(process.windowMinutes * 60_000),
  });

type KpiOptions = { model: StageModel; config: CxConfig; sessionGapMinutes: number };

/** What the KPIs are computed from: the KPI rows, the stage signals and the processes. */
export async function kpiInputs(store: EventStore, spec: KpisSpec, options: KpiOptions) {
  const { model, config } = options;
  const gapMinutes = spec.gapMinutes ?? options.sessionGapMinutes;
  const { gapMinutes: _gap, ...filters } = spec;
  const main = kpisSql(store.dialect, filters, { config, gapMs: Math.round(gapMinutes * 60_000) });
  const stagesQuery = stageSignalsSql(store.dialect, filters, { model, config });
  // Independent reads, each on a connection of its own: they overlap.
  const [mainRows, stageRows, processes] = await Promise.all([
    store.query(main.sql, main.values),
    store.query(stagesQuery.sql, stagesQuery.values),
    Promise.all(
      config.kpis.processes.map(async (process): Promise<ProcessKpi> => {
        const funnel = await getFunnel(store, processFunnelSpec(process, filters));
        return processKpi(process, funnel);
      }),
    ),
  ]);
  const rows = kpiRows(mainRows);
  const stages = cxRows(stageRows, [], model).stages;
  return { rows, stages, processes, gapMinutes };
}

/** Per-channel KPIs, stage conversion and process abandonment (docs/cx.md). */
export async function getKpis(
  store: EventStore,
  spec: KpisSpec,
  options: KpiOptions,
): Promise<KpisResult> {
  const { rows, stages, processes, gapMinutes } = await kpiInputs(store, spec, options);
  return kpisResult(rows, stages, processes, { ...options, gapMinutes });
}
