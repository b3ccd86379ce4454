/**
 * NDJSON file import benchmark (DESIGN §5: ≥ 200,000 events/s on DuckDB; 10M events in < 2 GB
 * resident memory).
 *
 *   npm run bench:import -- [--events 1000000] [--customers 100000] [--keep]
 *
 * Writes a file of realistic Segment track messages, then runs the real CLI
 * (`journeylens --db FILE import FILE --json`) as a child process, sampling its peak resident
 * memory (VmHWM) until it exits, and checks that the store holds every event.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DuckDBEventStore } from "../src/store/duckdb-store.ts";

const TARGET_EVENTS_PER_SEC = 200_000;
const TARGET_RSS_MB_AT_10M = 2048;
const CLI = fileURLToPath(new URL("../bin/journeylens.js", import.meta.url));

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    customers: { type: "string", default: "100000" },
    keep: { type: "boolean", default: false },
  },
});
const events = Number(values.events);
const customers = Number(values.customers);

const EVENTS = [
  "Product Viewed",
  "Product Added",
  "Order Completed",
  "Account Query",
  "Transfer Started",
  "Transfer Completed",
  "Email Opened",
  "Support Chat Started",
];
const CHANNELS = ["web", "app", "email", "chat", "call_center", "branch", "store"];

/** One realistic track message; deterministic in i. */
function message(i: number, start: number): string {
  const customer = (i * 7919) % customers;
  return JSON.stringify({
    type: "track",
    messageId: `bench-${i}`,
    userId: `customer-${customer}`,
    anonymousId: `anon-${customer}`,
    event: EVENTS[i % EVENTS.length],
    timestamp: new Date(start + i * 50).toISOString(),
    properties: {
      channel: CHANNELS[customer % CHANNELS.length],
      revenue: (i % 97) + 0.99,
      sku: `sku-${i % 500}`,
    },
    context: {
      library: { name: "analytics-node", version: "3.1.0" },
      traits: {
        email: `customer${customer}@example.com`,
        phone: `+1415555${String(customer % 10000).padStart(4, "0")}`,
      },
      app: { version: ["4.9.2", "5.0.3", "5.1.0"][customer % 3] },
    },
  });
}

async function writeFile(path: string) {
  const out = createWriteStream(path);
  const start = Date.UTC(2026, 0, 1);
  let buffer = "";
  for (let i = 0; i < events; i++) {
    buffer += `${message(i, start)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
}

function vmHwmMb(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "journeylens-bench-import-"));
  const file = join(dir, "events.ndjson");
  const db = join(dir, "bench.duckdb");
  process.stdout.write(`writing ${events.toLocaleString("en")} messages… `);
  await writeFile(file);
  const bytes = statSync(file).size;
  process.stdout.write(`${(bytes / 2 ** 20).toFixed(0)} MB\n`);

  const started = performance.now();
  const child = spawn(process.execPath, [CLI, "--db", db, "import", file, "--json"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  let peakMb = 0;
  const sampler = setInterval(() => {
    peakMb = Math.max(peakMb, vmHwmMb(child.pid ?? 0) ?? 0);
  }, 100);
  const [code] = await once(child, "exit");
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`import exited with ${code}`);

  const store = await DuckDBEventStore.open(db);
  const stored = await store.countEvents();
  await store.close();
  const perSec = events / seconds;
  // Memory grows with the index; scale the target to this run's size for a fair PASS/MISS.
  const result = {
    events,
    bytes,
    seconds: Number(seconds.toFixed(2)),
    eventsPerSec: Math.round(perSec),
    mbPerSec: Number((bytes / 2 ** 20 / seconds).toFixed(1)),
    peakRssMb: Math.round(peakMb),
    stored,
    verified: stored === events,
    targets: {
      eventsPerSec: perSec >= TARGET_EVENTS_PER_SEC ? "PASS" : "MISS",
      rssAt10M:
        events >= 10_000_000
          ? peakMb < TARGET_RSS_MB_AT_10M
            ? "PASS"
            : "MISS"
          : "run with --events 10000000",
    },
    summary: JSON.parse(stdout || "{}").totals ?? undefined,
  };
  console.log(
    `imported ${events.toLocaleString("en")} events in ${result.seconds} s: ${result.eventsPerSec.toLocaleString("en")} events/s (${result.mbPerSec} MB/s), peak RSS ${result.peakRssMb} MB, stored ${stored.toLocaleString("en")}${result.verified ? "" : "  ** MISMATCH **"}`,
  );
  console.log(
    `target ≥ ${TARGET_EVENTS_PER_SEC.toLocaleString("en")} events/s: ${result.targets.eventsPerSec}; 10M under 2 GB: ${result.targets.rssAt10M}`,
  );
  console.log(`BENCH_JSON ${JSON.stringify(result)}`);
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  if (!result.verified) process.exitCode = 1;
}

await main();
