/**
 * The synthetic journey log of the analytics benchmarks (bench:journeys, bench:friction),
 * generated inside the store with SQL (`range()` on DuckDB, `generate_series` on PostgreSQL):
 * 20 event names, 5 channels, each profile's events over two weeks within 90 days. No effect is
 * planted: the benchmarks measure time, the tests check answers.
 */
import {
  invalidateJourneyIndex,
  journeySource,
  refreshJourneyIndex,
} from "../../src/journeys/journey-index.ts";
import type { EventStore } from "../../src/store/event-store.ts";

export const NAMES = [
  ...["Product Viewed", "Product Viewed", "Product Viewed", "Page Viewed", "Page Viewed"],
  ...["Page Viewed", "Product Added", "Product Added", "Checkout Started", "Order Completed"],
  ...["Account Query", "Transfer Started", "Transfer Completed", "Support Chat Started"],
  ...["Email Opened", "Ad Clicked", "Review Submitted", "Referral Sent", "Statement Downloaded"],
  "Login",
];
export const CHANNELS = ["web", "app", "email", "store", "call_center"];

const list = (items: string[]) => `[${items.map((s) => `'${s}'`).join(", ")}]`;

/** Events generated in DuckDB with range(): deterministic, ~10 s per million with the index. */
export function duckdbGenerateSql(events: number, profiles: number) {
  return `INSERT INTO events
    SELECT 'm' || i, 'bench', 'track',
      (${list(NAMES)})[1 + (hash(i * 7 + 1) % ${NAMES.length})::INT],
      CASE WHEN p % 5 = 0 THEN NULL ELSE 'u' || p END, 'a' || p, NULL, NULL, NULL, NULL,
      (${list(CHANNELS)})[1 + (hash(i * 13 + 5) % ${CHANNELS.length})::INT],
      TIMESTAMPTZ '2026-01-01 00:00:00+00'
        + to_microseconds((hash(p) % 7776000000000)::BIGINT + (hash(i * 3 + 2) % 1209600000000)::BIGINT),
      NULL, TIMESTAMPTZ '2026-06-01 00:00:00+00',
      '{"plan":"' || (['basic', 'plus', 'pro'])[1 + (hash(i) % 3)::INT] || '"}', '{}', '{}'
    FROM (SELECT range AS i, hash(range * 31 + 7) % ${profiles} AS p FROM range(${events}))`;
}

/** The same shape of log in PostgreSQL with generate_series. */
export function postgresGenerateSql(events: number, profiles: number) {
  const h = (x: string) => `(hashint8(${x})::bigint + 2147483648)`;
  return `INSERT INTO events (message_id, source_id, type, event, user_id, anonymous_id, channel,
      timestamp, received_at, properties, traits, context)
    SELECT 'm' || i, 'bench', 'track',
      (ARRAY${list(NAMES)})[1 + ${h("i * 7 + 1")} % ${NAMES.length}],
      CASE WHEN p % 5 = 0 THEN NULL ELSE 'u' || p END, 'a' || p,
      (ARRAY${list(CHANNELS)})[1 + ${h("i * 13 + 5")} % ${CHANNELS.length}],
      TIMESTAMPTZ '2026-01-01 00:00:00+00' + make_interval(secs => ${h("p")} % 7776000
        + (${h("i * 3 + 2")} % 1209600000) / 1000.0),
      TIMESTAMPTZ '2026-06-01 00:00:00+00',
      jsonb_build_object('plan', (ARRAY['basic', 'plus', 'pro'])[1 + ${h("i")} % 3]), '{}', '{}'
    FROM (SELECT i, ${h("i * 31 + 7")} % ${profiles} AS p FROM generate_series(0, ${events - 1}) i) s`;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** Median wall time of `runs` runs after one warm-up; the last value. */
export async function measure<T>(runs: number, work: () => Promise<T>) {
  await work();
  const times: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    const run = await timed(work);
    times.push(run.ms);
    value = run.value;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] as number, value: value as T };
}

export const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const report = (line: string) => process.stdout.write(`${line}\n`);

/** Generates the log unless the store already holds exactly `events` events. */
export async function ensureLog(store: EventStore, events: number, generate: string) {
  const count = await store.countEvents();
  if (count === events) return report(`  reusing ${count.toLocaleString()} events`);
  if (count > 0) await store.exec("DELETE FROM events");
  const run = await timed(() => store.exec(generate));
  report(`  generated ${events.toLocaleString()} events in ${secs(run.ms)}`);
}

/**
 * The journey index as the app keeps it after a load: refreshed unless current (DuckDB); with
 * `live`, marked stale so the analyses read the events live. Whether it is used now.
 */
export async function ensureJourneyIndex(store: EventStore, options: { live: boolean }) {
  if (store.kind !== "duckdb") return false;
  if (options.live) {
    await invalidateJourneyIndex(store);
    report("  journey index not used (--no-index): analyses read the events live");
  } else if ((await journeySource(store)) === "index") {
    report("  journey index current: reused");
  } else {
    const refresh = await timed(() => refreshJourneyIndex(store));
    report(
      `  journey index refresh (full rebuild): ${secs(refresh.ms)}  (${refresh.value?.events.toLocaleString()} events, ${refresh.value?.profiles.toLocaleString()} profiles)`,
    );
  }
  return (await journeySource(store)) === "index";
}
