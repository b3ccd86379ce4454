/**
 * Friction benchmark (issue 5: breakpoint contrast over 10M events < 5 s on DuckDB).
 *
 *   npm run bench:friction -- [--events 10000000] [--profiles N] [--db FILE]
 *                             [--memory-limit 1GB] [--runs 3] [--pg-events 1000000]
 *                             [--pg-profiles N] [--skip-pg] [--skip-duckdb] [--no-index]
 *
 * The log is bench:journeys' (bench/support/bench-journey-log.ts: 20 event names, 5
 * channels, profiles = events / 10 by default). It has no churn event, so the breakpoint
 * contrast is timed with the outcome "goal not reached" (Order Completed) and with churn by
 * inactivity (30 days); then the friction signals and the heatmap. Each figure is the median
 * of `--runs` runs after a warm-up; `--db FILE` keeps the DuckDB log for the next run. The
 * journey index is refreshed after loading as the app does; `--no-index` times the live path.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { BreakpointsResult } from "../src/core/friction/breakpoints-result.ts";
import { DEFAULT_FRICTION_CONFIG } from "../src/core/friction/friction-config.ts";
import {
  BreakpointsSpecSchema,
  FrictionSpecSchema,
  HeatmapSpecSchema,
} from "../src/core/friction/specs.ts";
import { DEFAULT_STAGE_MODEL } from "../src/core/journeys/stage-model.ts";
import { getBreakpoints } from "../src/friction/breakpoints.ts";
import { getFriction, getHeatmap } from "../src/friction/friction.ts";
import { DuckDBEventStore } from "../src/store/duckdb-store.ts";
import type { EventStore } from "../src/store/event-store.ts";
import { PostgresEventStore } from "../src/store/postgres-store.ts";
import { startPostgres } from "../test/support/postgres-server.ts";
import {
  duckdbGenerateSql,
  ensureJourneyIndex,
  ensureLog,
  measure,
  postgresGenerateSql,
  report,
  secs,
} from "./support/bench-journey-log.ts";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "10000000" },
    profiles: { type: "string" },
    db: { type: "string" },
    "memory-limit": { type: "string", default: "1GB" },
    runs: { type: "string", default: "3" },
    "pg-events": { type: "string", default: "1000000" },
    "pg-profiles": { type: "string" },
    "skip-pg": { type: "boolean", default: false },
    "skip-duckdb": { type: "boolean", default: false },
    "no-index": { type: "boolean", default: false },
  },
});

const CONFIG = {
  friction: DEFAULT_FRICTION_CONFIG,
  journeys: { ...DEFAULT_STAGE_MODEL, sessionGapMinutes: 30 },
};
const GOAL_REACHED = { outcome: "goal", goal: "Order Completed" };
const GOAL = BreakpointsSpecSchema.parse(GOAL_REACHED);
const INACTIVE = BreakpointsSpecSchema.parse({ outcome: "churn", inactivityDays: 30 });
const FRICTION = FrictionSpecSchema.parse({});
// The log's events run from 2026-01-01 to mid-April: about its last 30 days.
const LAST_30_DAYS = { from: "2026-03-15T00:00:00Z" };
const HEATMAP = HeatmapSpecSchema.parse({});

const figures: Record<string, unknown> = {};

const summary = (r: BreakpointsResult) =>
  `${r.badProfiles.toLocaleString()} of ${r.profiles.toLocaleString()} profiles bad, ${r.tested.toLocaleString()} sequences tested (≥ ${r.settings.supportThreshold.toLocaleString()} profiles), ${r.significant} significant, ${r.findings.length} findings`;

async function run(store: EventStore, label: string, runs: number) {
  const goal = await measure(runs, () => getBreakpoints(store, GOAL, CONFIG.friction));
  report(`  breakpoint contrast, goal not reached: ${secs(goal.ms)}  (${summary(goal.value)})`);
  const inactive = await measure(runs, () => getBreakpoints(store, INACTIVE, CONFIG.friction));
  report(
    `  breakpoint contrast, churn = 30 days inactive: ${secs(inactive.ms)}  (${summary(inactive.value)})`,
  );
  const recent = await measure(runs, () =>
    getBreakpoints(
      store,
      BreakpointsSpecSchema.parse({ ...GOAL, ...LAST_30_DAYS }),
      CONFIG.friction,
    ),
  );
  report(
    `  breakpoint contrast, goal not reached, last 30 days: ${secs(recent.ms)}  (${summary(recent.value)})`,
  );
  const friction = await measure(runs, () => getFriction(store, FRICTION, CONFIG));
  report(
    `  friction signals (steps and transitions): ${secs(friction.ms)}  (${friction.value.steps.length} steps, ${friction.value.transitions.length} transitions listed)`,
  );
  const recentFriction = await measure(runs, () =>
    getFriction(store, FrictionSpecSchema.parse(LAST_30_DAYS), CONFIG),
  );
  report(`  friction signals, last 30 days: ${secs(recentFriction.ms)}`);
  const withOutcome = await measure(runs, () =>
    getFriction(store, FrictionSpecSchema.parse(GOAL_REACHED), CONFIG),
  );
  report(`  friction signals with goal shares: ${secs(withOutcome.ms)}`);
  const heatmap = await measure(runs, () => getHeatmap(store, HEATMAP, CONFIG));
  report(`  heatmap: ${secs(heatmap.ms)}  (${heatmap.value.cells.length} cells)`);
  figures[label] = {
    breakpointsGoalMs: Math.round(goal.ms),
    breakpointsInactivityMs: Math.round(inactive.ms),
    breakpointsLast30DaysMs: Math.round(recent.ms),
    frictionMs: Math.round(friction.ms),
    frictionLast30DaysMs: Math.round(recentFriction.ms),
    frictionWithOutcomeMs: Math.round(withOutcome.ms),
    heatmapMs: Math.round(heatmap.ms),
    tested: goal.value.tested,
  };
}

async function benchDuckDB(runs: number) {
  const events = Number(args.events);
  const profiles = Number(args.profiles ?? Math.max(1, Math.round(events / 10)));
  const dir = args.db ? undefined : mkdtempSync(join(tmpdir(), "journeylens-bench-"));
  const path = args.db ?? join(dir as string, "bench.duckdb");
  report(
    `DuckDB ${path} (memory_limit ${args["memory-limit"]}), ${events.toLocaleString()} events / ${profiles.toLocaleString()} profiles`,
  );
  const store = await DuckDBEventStore.open(path, { memoryLimit: args["memory-limit"] });
  try {
    await store.migrate();
    await ensureLog(store, events, duckdbGenerateSql(events, profiles));
    await ensureJourneyIndex(store, { live: args["no-index"] === true });
    await run(store, "duckdb", runs);
  } finally {
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(runs: number) {
  const events = Number(args["pg-events"]);
  const profiles = Number(args["pg-profiles"] ?? Math.max(1, Math.round(events / 10)));
  report(
    `PostgreSQL (throwaway server), ${events.toLocaleString()} events / ${profiles.toLocaleString()} profiles`,
  );
  const server = await startPostgres();
  try {
    const store = await PostgresEventStore.open(server.url);
    try {
      await store.migrate();
      await ensureLog(store, events, postgresGenerateSql(events, profiles));
      await store.exec("ANALYZE events");
      await run(store, "postgres", runs);
    } finally {
      await store.close();
    }
  } finally {
    server.stop();
  }
}

const runs = Math.max(1, Number(args.runs));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
report(`friction benchmark: ${cpus().length} CPUs, load average ${load()}`);
if (!args["skip-duckdb"]) await benchDuckDB(runs);
if (!args["skip-pg"]) await benchPostgres(runs);
const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
report(`peak resident memory ${peakMb} MB; load average ${load()}`);
report(`BENCH_JSON ${JSON.stringify({ ...figures, peakMb })}`);
