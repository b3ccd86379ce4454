import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { startPostgres } from "../test/support/postgres-server.ts";
import { type BodyTemplate, bodyTemplates, fillBody } from "./support/bench-messages.ts";
import {
  loadAverage,
  machineBusySeconds,
  onInterrupt,
  procCpuSeconds,
  procStatusMb,
  runCli,
  type Server,
  startServer,
} from "./support/bench-processes.ts";

type StoreName = "duckdb" | "postgres";

const TARGET_EVENTS_PER_SEC = 50_000;
const TARGET_P99_MS = 100;
const REQUEST_TIMEOUT_MS = 30_000;
/** The server's default `ingest.maxBatchBytes` (src/runtime/config.ts). */
const DEFAULT_MAX_BATCH_BYTES = 500 * 1024;

interface Options {
  stores: StoreName[];
  clients: number;
  seconds: number;
  batch: number;
  warmup: number;
  cpuProfDir?: string;
}

interface LoadStats {
  windowSeconds: number;
  okBatches: number;
  okEvents: number;
  non200: number;
  networkErrors: number;
  latenciesMs: number[];
  statusCounts: Record<string, number>;
  /** Every acknowledged (accepted) event, warm-up and tail included: what the store must hold. */
  acknowledgedTotal: number;
  rejectedMessages: number;
  serverCpuSeconds: number;
  clientCpuSeconds: number;
  /** Busy CPU seconds of the whole machine (all cores) in the window. */
  machineCpuSeconds: number;
}

interface StoreResult {
  store: StoreName;
  eventsPerSec: number;
  batchesPerSec: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  non200: number;
  networkErrors: number;
  statusCounts: Record<string, number>;
  rejectedMessages: number;
  windowSeconds: number;
  serverPeakRssMb: number | null;
  clientPeakRssMb: number | null;
  serverCpuPercent: number;
  clientCpuPercent: number;
  /** CPU used by every other process in the window (PostgreSQL's backends, and any noise). */
  otherCpuPercent: number;
  acknowledgedEvents: number;
  storedEvents: number;
  verified: boolean;
  targets: { eventsPerSec: "PASS" | "MISS"; p99: "PASS" | "MISS" };
}

interface StoreFailure {
  store: StoreName;
  error: string;
}

// ---------------------------------------------------------------------------------------------
// Options

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      store: { type: "string", default: "both" },
      clients: { type: "string", default: "16" },
      seconds: { type: "string", default: "15" },
      batch: { type: "string", default: "100" },
      warmup: { type: "string", default: "2" },
      "cpu-prof": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(
      "usage: npm run bench:ingest -- [--store duckdb|postgres|both] [--clients 16] " +
        "[--seconds 15] [--batch 100] [--warmup 2] [--cpu-prof DIR]\n",
    );
    process.exit(0);
  }
  const store = values.store;
  if (store !== "duckdb" && store !== "postgres" && store !== "both") {
    throw new Error(`--store: "${store}" is not duckdb, postgres or both`);
  }
  return {
    stores: store === "both" ? ["duckdb", "postgres"] : [store],
    clients: positive("--clients", values.clients),
    seconds: positive("--seconds", values.seconds),
    batch: positive("--batch", values.batch),
    warmup: nonNegative("--warmup", values.warmup),
    cpuProfDir: values["cpu-prof"] ? resolve(values["cpu-prof"]) : undefined,
  };
}

function positive(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${flag}: "${value}" is not a positive integer`);
  return n;
}

function nonNegative(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${flag}: "${value}" is not a number ≥ 0`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Payloads: realistic Segment track messages, serialised once, with holes for ids and sentAt.

/** Deterministic PRNG (mulberry32), so every run sends the same shapes. */
interface Reply {
  status: number;
  body: string;
}

function post(agent: http.Agent, target: URL, authorization: string, body: Buffer) {
  return new Promise<Reply>((resolvePromise, reject) => {
    const request = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: "/v1/batch",
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": body.length,
          authorization,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolvePromise({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.setTimeout(REQUEST_TIMEOUT_MS, () =>
      request.destroy(new Error(`no response in ${REQUEST_TIMEOUT_MS} ms`)),
    );
    request.on("error", reject);
    request.end(body);
  });
}

async function runLoad(
  server: Server,
  writeKey: string,
  templates: BodyTemplate[],
  options: Options,
): Promise<LoadStats> {
  const target = new URL(server.url);
  const authorization = `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const pid = server.child.pid ?? 0;
  const stats: LoadStats = {
    windowSeconds: options.seconds,
    okBatches: 0,
    okEvents: 0,
    non200: 0,
    networkErrors: 0,
    latenciesMs: [],
    statusCounts: {},
    acknowledgedTotal: 0,
    rejectedMessages: 0,
    serverCpuSeconds: 0,
    clientCpuSeconds: 0,
    machineCpuSeconds: 0,
  };

  const began = performance.now();
  const measureStart = began + options.warmup * 1000;
  const measureEnd = measureStart + options.seconds * 1000;
  let stopping = false;
  let next = 0;
  let firstError: string | undefined;
  let serverCpuAtStart = 0;
  let machineCpuAtStart = 0;
  let clientCpuAtStart = process.cpuUsage();
  const startTimer = setTimeout(() => {
    serverCpuAtStart = procCpuSeconds(pid);
    machineCpuAtStart = machineBusySeconds();
    clientCpuAtStart = process.cpuUsage();
  }, options.warmup * 1000);
  const endTimer = setTimeout(
    () => {
      stats.serverCpuSeconds = procCpuSeconds(pid) - serverCpuAtStart;
      stats.machineCpuSeconds = machineBusySeconds() - machineCpuAtStart;
      const client = process.cpuUsage(clientCpuAtStart);
      stats.clientCpuSeconds = (client.user + client.system) / 1e6;
      stopping = true;
    },
    (options.warmup + options.seconds) * 1000,
  );

  const client = async () => {
    while (!stopping) {
      const template = templates[next++ % templates.length] as BodyTemplate;
      const body = fillBody(template);
      const sent = performance.now();
      let reply: Reply;
      try {
        reply = await post(agent, target, authorization, body);
      } catch (error) {
        stats.networkErrors++;
        firstError ??= error instanceof Error ? error.message : String(error);
        if (server.child.exitCode !== null) throw new Error(`server exited: ${firstError}`);
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const done = performance.now();
      const inWindow = done >= measureStart && done <= measureEnd;
      if (reply.status === 200) {
        const result = JSON.parse(reply.body) as { accepted?: number; rejected?: unknown[] };
        stats.acknowledgedTotal += result.accepted ?? 0;
        stats.rejectedMessages += result.rejected?.length ?? 0;
        if (inWindow) {
          stats.okBatches++;
          stats.okEvents += result.accepted ?? 0;
        }
      } else {
        firstError ??= `HTTP ${reply.status}: ${reply.body.slice(0, 300)}`;
        if (inWindow) stats.non200++;
      }
      if (inWindow) {
        stats.latenciesMs.push(done - sent);
        stats.statusCounts[reply.status] = (stats.statusCounts[reply.status] ?? 0) + 1;
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: options.clients }, client));
  } finally {
    clearTimeout(startTimer);
    clearTimeout(endTimer);
    stopping = true;
    agent.destroy();
  }
  if (firstError) process.stdout.write(`  first error: ${firstError}\n`);
  return stats;
}

// ---------------------------------------------------------------------------------------------
// One store

async function benchStore(
  store: StoreName,
  templates: BodyTemplate[],
  options: Options,
): Promise<StoreResult> {
  const work = mkdtempSync(join(tmpdir(), "journeylens-bench-"));
  const removeWork = onInterrupt(() => rmSync(work, { recursive: true, force: true }));
  const pgServer = store === "postgres" ? await startPostgres() : undefined;
  const stopPg = onInterrupt(() => pgServer?.stop());
  try {
    const file = join(work, "bench.duckdb");
    const storeArgs = pgServer ? ["--pg", pgServer.url] : ["--db", file];
    const source = JSON.parse(
      await runCli([...storeArgs, "sources", "create", "bench", "--json"], work),
    ) as {
      writeKey: string;
    };
    const server = await startServer(storeArgs, work, options.cpuProfDir);
    const killServer = onInterrupt(() => server.child.kill("SIGKILL"));
    process.stdout.write(
      `\n[${store}] server pid ${server.child.pid} at ${server.url} (load average ${loadAverage()}); ` +
        `${options.clients} clients × ${options.batch} events/batch, ` +
        `${options.warmup} s warm-up + ${options.seconds} s measured\n`,
    );
    let load: LoadStats;
    let serverPeakRssMb: number | null;
    try {
      load = await runLoad(server, source.writeKey, templates, options);
      serverPeakRssMb = procStatusMb(server.child.pid ?? 0, "VmHWM");
    } finally {
      await server.stop();
      killServer();
    }
    const clientPeakRssMb = procStatusMb("self", "VmHWM");
    const storedEvents = await countStored(pgServer ? { pg: pgServer.url } : { db: file });

    const sorted = Float64Array.from(load.latenciesMs).sort();
    const pct = (p: number) =>
      sorted.length === 0
        ? 0
        : (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0);
    const mean = sorted.length === 0 ? 0 : sorted.reduce((a, b) => a + b, 0) / sorted.length;
    const eventsPerSec = load.okEvents / load.windowSeconds;
    const p99 = pct(0.99);
    return {
      store,
      eventsPerSec: Math.round(eventsPerSec),
      batchesPerSec: round(load.okBatches / load.windowSeconds, 1),
      latencyMs: {
        p50: round(pct(0.5), 1),
        p95: round(pct(0.95), 1),
        p99: round(p99, 1),
        max: round(sorted[sorted.length - 1] ?? 0, 1),
        mean: round(mean, 1),
      },
      non200: load.non200,
      networkErrors: load.networkErrors,
      statusCounts: load.statusCounts,
      rejectedMessages: load.rejectedMessages,
      windowSeconds: load.windowSeconds,
      serverPeakRssMb: serverPeakRssMb === null ? null : Math.round(serverPeakRssMb),
      clientPeakRssMb: clientPeakRssMb === null ? null : Math.round(clientPeakRssMb),
      serverCpuPercent: Math.round((100 * load.serverCpuSeconds) / load.windowSeconds),
      clientCpuPercent: Math.round((100 * load.clientCpuSeconds) / load.windowSeconds),
      otherCpuPercent: Math.max(
        0,
        Math.round(
          (100 * (load.machineCpuSeconds - load.serverCpuSeconds - load.clientCpuSeconds)) /
            load.windowSeconds,
        ),
      ),
      acknowledgedEvents: load.acknowledgedTotal,
      storedEvents,
      verified: storedEvents === load.acknowledgedTotal,
      targets: {
        eventsPerSec: eventsPerSec >= TARGET_EVENTS_PER_SEC ? "PASS" : "MISS",
        p99: sorted.length > 0 && p99 < TARGET_P99_MS ? "PASS" : "MISS",
      },
    };
  } finally {
    pgServer?.stop();
    stopPg();
    rmSync(work, { recursive: true, force: true });
    removeWork();
  }
}

/** Opens the store directly (the server has stopped) and counts its events. */
async function countStored(target: { db: string } | { pg: string }): Promise<number> {
  if ("pg" in target) {
    const { PostgresEventStore } = await import("../src/store/postgres-store.ts");
    const store = await PostgresEventStore.open(target.pg);
    try {
      return await store.countEvents();
    } finally {
      await store.close();
    }
  }
  const { DuckDBEventStore } = await import("../src/store/duckdb-store.ts");
  const store = await DuckDBEventStore.open(target.db);
  try {
    return await store.countEvents();
  } finally {
    await store.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const fmt = (n: number | null) => (n === null ? "n/a" : n.toLocaleString("en-US"));

function printTable(results: StoreResult[]) {
  const rows: [string, (r: StoreResult) => string][] = [
    ["events/s (acknowledged)", (r) => fmt(r.eventsPerSec)],
    ["batches/s", (r) => fmt(r.batchesPerSec)],
    ["latency p50 (ms)", (r) => fmt(r.latencyMs.p50)],
    ["latency p95 (ms)", (r) => fmt(r.latencyMs.p95)],
    ["latency p99 (ms)", (r) => fmt(r.latencyMs.p99)],
    ["latency max (ms)", (r) => fmt(r.latencyMs.max)],
    ["non-200 responses", (r) => fmt(r.non200)],
    ["network errors", (r) => fmt(r.networkErrors)],
    ["rejected messages", (r) => fmt(r.rejectedMessages)],
    ["server peak RSS (MB)", (r) => fmt(r.serverPeakRssMb)],
    ["client peak RSS (MB)", (r) => fmt(r.clientPeakRssMb)],
    ["server CPU (% of 1 core)", (r) => fmt(r.serverCpuPercent)],
    ["client CPU (% of 1 core)", (r) => fmt(r.clientCpuPercent)],
    ["other CPU (% of 1 core)", (r) => fmt(r.otherCpuPercent)],
    ["acknowledged events", (r) => fmt(r.acknowledgedEvents)],
    ["stored events", (r) => fmt(r.storedEvents)],
    ["store == acknowledged", (r) => (r.verified ? "yes" : "NO — MISMATCH")],
  ];
  const width = 26;
  const col = 16;
  const lines = [
    `${"".padEnd(width)}${results.map((r) => r.store.padStart(col)).join("")}`,
    ...rows.map(
      ([label, value]) =>
        `${label.padEnd(width)}${results.map((r) => value(r).padStart(col)).join("")}`,
    ),
  ];
  process.stdout.write(
    `\n${lines.join("\n")}\n` +
      "(other CPU: every other process in the window: PostgreSQL's backends on the postgres run, " +
      "and any unrelated load)\n\n",
  );
  for (const r of results) {
    process.stdout.write(
      `${r.targets.eventsPerSec}  ${r.store}: ≥ ${fmt(TARGET_EVENTS_PER_SEC)} events/s (got ${fmt(r.eventsPerSec)})\n` +
        `${r.targets.p99}  ${r.store}: p99 batch latency < ${TARGET_P99_MS} ms (got ${r.latencyMs.p99} ms)\n`,
    );
    if (r.store === "duckdb" && r.otherCpuPercent > 25) {
      process.stdout.write(
        `NOTE  ${r.store}: other processes used ${r.otherCpuPercent}% of a core during the ` +
          "window; the machine was not quiet, so these figures understate the server\n",
      );
    }
    if (!r.verified) {
      process.stdout.write(
        `\n!!! MISMATCH (${r.store}): the store holds ${fmt(r.storedEvents)} events but ` +
          `${fmt(r.acknowledgedEvents)} were acknowledged !!!\n\n`,
      );
    }
  }
}

async function main() {
  const options = parseOptions();
  const cpuModel = cpus()[0]?.model ?? "unknown";
  process.stdout.write(
    `journeylens ingestion benchmark: ${cpus().length} CPUs (${cpuModel}), node ${process.version}\n`,
  );
  const templates = bodyTemplates(options.batch);
  const bodyBytes = fillBody(templates[0] as BodyTemplate).length;
  process.stdout.write(
    `${templates.length} pre-generated batch bodies of ${options.batch} track messages ` +
      `(~${Math.round(bodyBytes / 1024)} KiB each)\n`,
  );
  if (bodyBytes > DEFAULT_MAX_BATCH_BYTES) {
    process.stdout.write(
      `NOTE  bodies exceed the default ingest.maxBatchBytes (${DEFAULT_MAX_BATCH_BYTES} bytes): expect 413s\n`,
    );
  }
  const results: StoreResult[] = [];
  const failures: StoreFailure[] = [];
  for (const store of options.stores) {
    try {
      results.push(await benchStore(store, templates, options));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.stdout.write(`\n!!! ${store} benchmark failed: ${message}\n`);
      failures.push({ store, error: message });
    }
  }
  if (results.length > 0) printTable(results);
  const summary = {
    bench: "ingest",
    machine: { cpus: cpus().length, cpuModel, node: process.version },
    options: {
      clients: options.clients,
      seconds: options.seconds,
      batch: options.batch,
      warmup: options.warmup,
    },
    targets: { eventsPerSec: TARGET_EVENTS_PER_SEC, p99Ms: TARGET_P99_MS },
    results,
    failures,
  };
  process.stdout.write(`BENCH_JSON ${JSON.stringify(summary)}\n`);
  if (failures.length > 0 || results.some((r) => !r.verified)) process.exitCode = 1;
}

await main();
