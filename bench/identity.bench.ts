/**
 * Identity resolution benchmark (DESIGN §5: 1M profiles / 3M identifiers resolved in < 20 s;
 * an incremental update for a batch of 100 messages in < 50 ms).
 *
 *   npm run bench:identity -- [--profiles 1000000] [--store duckdb|postgres|both|none]
 *                             [--store-profiles 200000] [--batches 100]
 *
 * 1. full resolution in memory: evidence from 3 messages per person (page, identify, track:
 *    user_id, anonymous_id, email → 3 identifiers and 3 links each, with shared devices and a
 *    shared front-desk email planted), then `resolveGraph`;
 * 2. incremental in memory: 100-message batches (half new visitors, half known people on a new
 *    device) into an `IdentityGraph` holding those profiles;
 * 3. incremental through the store: the same batches through `IdentityService.onEvents` (sync)
 *    on a store whose identity tables hold `--store-profiles` profiles.
 * Peak memory is the process's resident high-water mark (VmHWM) after each part.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Blocklist } from "../src/core/identity/blocklist.ts";
import { EvidenceBuilder } from "../src/core/identity/evidence.ts";
import { IdentityGraph } from "../src/core/identity/identity-graph.ts";
import { DEFAULT_IDENTITY_OPTIONS } from "../src/core/identity/identity-options.ts";
import { NO_RULES, resolveGraph, resolveIndexed } from "../src/core/identity/resolve-graph.ts";
import type { StoredEvent } from "../src/core/stored-event.ts";
import { IdentityService } from "../src/identity/identity-service.ts";
import type { EventStore } from "../src/store/event-store.ts";
import { freshBenchStore } from "./identity-bench-stores.ts";

const { values } = parseArgs({
  options: {
    profiles: { type: "string", default: "1000000" },
    store: { type: "string", default: "both" },
    "store-profiles": { type: "string", default: "200000" },
    batches: { type: "string", default: "100" },
  },
});
const PROFILES = Number(values.profiles);
const STORE_PROFILES = Number(values["store-profiles"]);
const BATCHES = Number(values.batches);
const options = DEFAULT_IDENTITY_OPTIONS;
const DAY = 86_400_000;
const WARM_UP = 3;
const START = Date.UTC(2026, 0, 1);

const peakMb = () => {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return match
    ? Math.round(Number(match[1]) / 1024)
    : Math.round(process.memoryUsage().rss / 2 ** 20);
};
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** Each person's three messages as identifier keys. */
function personMessages(i: number, add: (id: string, time: number, keys: string[]) => void) {
  const user = `user_id:u${i}`;
  // Every 1000th person logs in on the previous person's tablet: a shared anonymous id.
  const anon = i % 1000 === 1 ? `anonymous_id:a${i - 1}` : `anonymous_id:a${i}`;
  // Every 50,000th block of 10 types in the branch's front-desk email: the guard's case.
  const email =
    i % 50_000 < 10
      ? `email:desk${Math.floor(i / 50_000)}@bank.example`
      : `email:p${i}@mail${i % 7}.org`;
  const time = START + (i % 120) * DAY;
  add(`m${i}p`, time, [anon]);
  add(`m${i}i`, time + 60_000, [user, anon, email]);
  add(`m${i}t`, time + 120_000, [user, anon]);
}

function evidenceFor(persons: number): EvidenceBuilder {
  const builder = new EvidenceBuilder(options, new Blocklist(options));
  const add = (id: string, time: number, keys: string[]) => builder.addMessage(id, time, keys);
  for (let i = 0; i < persons; i++) personMessages(i, add);
  return builder;
}

/** A batch of 100 messages: 50 from 25 new visitors, 50 from known people on a new device. */
function batchMessages(b: number, known: number): { id: string; time: number; keys: string[] }[] {
  const out: { id: string; time: number; keys: string[] }[] = [];
  const time = START + 130 * DAY + b * 1000;
  for (let k = 0; k < 25; k++) {
    const n = `n${b}_${k}`;
    out.push({ id: `b${b}_${k}a`, time, keys: [`anonymous_id:${n}`] });
    out.push({ id: `b${b}_${k}b`, time, keys: [`anonymous_id:${n}`, `email:${n}@new.org`] });
  }
  for (let k = 0; k < 25; k++) {
    const person = (b * 7919 + k * 104_729) % known;
    const device = `anonymous_id:dev${b}_${k}`;
    out.push({ id: `b${b}_${k}c`, time, keys: [`user_id:u${person}`, device] });
    out.push({ id: `b${b}_${k}d`, time, keys: [`user_id:u${person}`, device] });
  }
  return out;
}

function storedEvent(m: { id: string; time: number; keys: string[] }): StoredEvent {
  const value = (type: string) =>
    m.keys.find((k) => k.startsWith(`${type}:`))?.slice(type.length + 1) ?? null;
  const email = value("email");
  return {
    messageId: m.id,
    sourceId: "bench",
    type: email ? "identify" : "track",
    event: email ? null : "Viewed",
    userId: value("user_id"),
    anonymousId: value("anonymous_id"),
    previousId: null,
    groupId: null,
    email,
    phone: null,
    channel: "web",
    timestamp: new Date(m.time),
    sentAt: null,
    receivedAt: new Date(m.time),
    properties: "{}",
    traits: email ? JSON.stringify({ email }) : "{}",
    context: "{}",
  };
}

async function fullResolution() {
  const started = performance.now();
  const builder = evidenceFor(PROFILES);
  const built = performance.now();
  const resolved = resolveIndexed(builder.indexed(), NO_RULES, options);
  const done = performance.now();
  const profiles = new Set(resolved.profileIds).size;
  console.log(
    `full resolution: ${builder.nodeCount.toLocaleString()} identifiers, ${builder.edgeCount.toLocaleString()} links → ${profiles.toLocaleString()} profiles, ${resolved.conflicts.length} conflicts`,
  );
  console.log(
    `  evidence ${fmt(built - started)} + resolve ${fmt(done - built)} = ${((done - started) / 1000).toFixed(2)} s (target < 20 s); peak RSS ${peakMb()} MB`,
  );
}

async function incrementalInMemory() {
  const graph = new IdentityGraph(options);
  const loadStart = performance.now();
  graph.load(evidenceFor(PROFILES));
  console.log(
    `incremental in memory: graph of ${graph.nodesByKey.size.toLocaleString()} identifiers loaded in ${fmt(performance.now() - loadStart)}`,
  );
  const times: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const builder = new EvidenceBuilder(options, new Blocklist(options));
    for (const m of batchMessages(b, PROFILES)) builder.addMessage(m.id, m.time, m.keys);
    const t0 = performance.now();
    await graph.addEvidence(builder);
    times.push(performance.now() - t0);
  }
  console.log(
    `  100-message batch: p50 ${fmt(percentile(times, 0.5))}, p99 ${fmt(percentile(times, 0.99))}, max ${fmt(Math.max(...times))} (target < 50 ms); peak RSS ${peakMb()} MB`,
  );
}

async function incrementalInStore(kind: "duckdb" | "postgres") {
  const { store, cleanup } = await freshBenchStore(kind);
  try {
    const service = new IdentityService(store, { identity: options, updates: "sync" });
    let firstBatch = 0;
    const loadStart = performance.now();
    await seed(store, service);
    const loaded = performance.now() - loadStart;
    const times: number[] = [];
    // The first batches load the resident graph (DuckDB) or warm connections and plans.
    for (let b = 0; b < BATCHES + WARM_UP; b++) {
      const events = batchMessages(b, STORE_PROFILES).map(storedEvent);
      const t0 = performance.now();
      await service.onEvents(events);
      if (b === 0) firstBatch = performance.now() - t0;
      if (b >= WARM_UP) times.push(performance.now() - t0);
    }
    console.log(
      `incremental through ${kind} (${(STORE_PROFILES * 3).toLocaleString()} identifiers stored, seeded in ${(loaded / 1000).toFixed(1)} s; first batch ${fmt(firstBatch)}${kind === "duckdb" ? " loads the resident graph" : ""}):`,
    );
    console.log(
      `  100-message batch: p50 ${fmt(percentile(times, 0.5))}, p99 ${fmt(percentile(times, 0.99))}, max ${fmt(Math.max(...times))} (target < 50 ms); peak RSS ${peakMb()} MB`,
    );
  } finally {
    await cleanup();
  }
}

/** Writes a resolved graph straight into the identity tables (no events needed for updates). */
async function seed(store: EventStore, service: IdentityService) {
  const builder = evidenceFor(STORE_PROFILES);
  const nodes = builder.nodes();
  const edges = builder.edges();
  const resolution = resolveGraph(nodes, edges, NO_RULES, options);
  await service.tables.insertNodes(
    resolution.assignments.map((a, i) => ({ ...(nodes[i] as (typeof nodes)[0]), ...a })),
  );
  await service.tables.insertEdges(edges);
  await service.tables.insertConflicts(resolution.conflicts);
  // Steady state, not the minute after a bulk load: PostgreSQL plans with fresh statistics.
  if (store.kind === "postgres") await store.exec("VACUUM ANALYZE");
}

console.log(
  `journeylens identity benchmark — node ${process.version}, ${PROFILES.toLocaleString()} profiles`,
);
await fullResolution();
await incrementalInMemory();
const stores =
  values.store === "both"
    ? (["duckdb", "postgres"] as const)
    : values.store === "none"
      ? []
      : [values.store as "duckdb" | "postgres"];
for (const kind of stores) await incrementalInStore(kind);
