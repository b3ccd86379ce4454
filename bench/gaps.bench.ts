/**
 * Channel-consistency benchmark: tasks per channel, the gap analysis (with the root-cause
 * drill-down over the default dimensions) and continuity, over the synthetic journey log of
 * bench:journeys plus a layer of payment attempts (one per 20 events: Payment Started, then
 * Completed / Failed within minutes, or nothing; app attempts carry an app version, and 5.1.0
 * completes less often) and CES answers about them, on DuckDB and on a throwaway PostgreSQL.
 *
 *   npm run bench:gaps -- [--events 1000000] [--profiles N] [--db FILE] [--runs 3]
 *                         [--pg-events N] [--skip-pg] [--memory-limit 1GB]
 */
import { ContinuitySpecSchema, GapsSpecSchema, TasksSpecSchema } from "../src/core/gaps/specs.ts";
import { getContinuity, getGaps, getTasks } from "../src/gaps/gaps.ts";
import { parseConfig } from "../src/runtime/config.ts";
import type { EventStore } from "../src/store/event-store.ts";
import {
  duckdbGenerateSql,
  measure,
  postgresGenerateSql,
  report,
  secs,
  timed,
} from "./support/bench-journey-log.ts";
import { benchOnStores } from "./support/bench-on-stores.ts";
import { cesSql, paymentLayerSql } from "./support/bench-payments.ts";

// Its own event names: the journey log's random "Transfer Started" events would blur the layer.
const SETTINGS = parseConfig({
  tasks: [
    {
      name: "payment",
      start: "Payment Started",
      success: "Payment Completed",
      failure: "Payment Failed",
      window: "10m",
    },
  ],
});

async function ensureData(store: EventStore, events: number, profiles: number) {
  const attempts = Math.floor(events / 20);
  const answers = Math.floor(attempts / 4);
  const count = await store.countEvents();
  const base = await store.query("SELECT count(*) AS n FROM events WHERE message_id LIKE 'm%'");
  const answered = await store.query("SELECT count(*) AS n FROM events WHERE message_id LIKE 'c%'");
  if (Number(base[0]?.n) === events && Number(answered[0]?.n) === answers) {
    return report(`  reusing ${count.toLocaleString()} events`);
  }
  if (count > 0) await store.exec("DELETE FROM events");
  const run = await timed(async () => {
    const kind = store.kind;
    await store.exec(
      kind === "duckdb"
        ? duckdbGenerateSql(events, profiles)
        : postgresGenerateSql(events, profiles),
    );
    await store.exec(paymentLayerSql(kind, attempts, profiles));
    await store.exec(cesSql(kind, answers, profiles));
    if (kind === "postgres") await store.exec("ANALYZE events");
  });
  const total = await store.countEvents();
  report(
    `  generated ${total.toLocaleString()} events (${events.toLocaleString()} + ${attempts.toLocaleString()} payment attempts + ${answers.toLocaleString()} CES answers) in ${secs(run.ms)}`,
  );
}

async function benchStore(store: EventStore, runs: number) {
  const tasks = await measure(runs, () => getTasks(store, TasksSpecSchema.parse({}), SETTINGS));
  const payment = tasks.value.tasks[0];
  report(
    `  tasks (per channel, with CES and sentiment): ${secs(tasks.ms)}  (${payment?.attempts.toLocaleString()} attempts, ${((payment?.completionRate ?? 0) * 100).toFixed(1)}% completed)`,
  );
  const gaps = await measure(runs, () => getGaps(store, GapsSpecSchema.parse({}), SETTINGS));
  report(
    `  gaps (${SETTINGS.gaps.dimensions.length} drill-down dimensions): ${secs(gaps.ms)}  (first: ${gaps.value.gaps[0]?.summary ?? "none"})`,
  );
  const continuity = await measure(runs, () =>
    getContinuity(store, ContinuitySpecSchema.parse({}), SETTINGS),
  );
  report(
    `  continuity (60 min window): ${secs(continuity.ms)}  (${continuity.value.switches.toLocaleString()} switches of ${continuity.value.transitions.toLocaleString()} transitions)`,
  );
}

await benchOnStores("gaps", { ensureData, benchStore });
