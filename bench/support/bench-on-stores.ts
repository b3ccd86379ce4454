import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DuckDBEventStore } from "../../src/store/duckdb-store.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { PostgresEventStore } from "../../src/store/postgres-store.ts";
import { startPostgres } from "../../test/support/postgres-server.ts";
import { report } from "./bench-journey-log.ts";

export interface StoreBench {
  /** Fills the store with `events` events of `profiles` profiles (kept when already there). */
  ensureData(store: EventStore, events: number, profiles: number): Promise<unknown>;
  /** Times the capability on a filled store, reporting each figure. */
  benchStore(store: EventStore, runs: number): Promise<void>;
}

/**
 * Runs a benchmark on DuckDB, then on a throwaway PostgreSQL server, with the shared options
 * `--events 1000000 [--profiles N] [--db FILE] [--memory-limit 1GB] [--runs 3] [--pg-events N]
 * [--skip-pg]`: profiles default to a tenth of the events; `--db` keeps the DuckDB file.
 */
export async function benchOnStores(name: string, bench: StoreBench): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      events: { type: "string", default: "1000000" },
      profiles: { type: "string" },
      db: { type: "string" },
      "memory-limit": { type: "string", default: "1GB" },
      runs: { type: "string", default: "3" },
      "pg-events": { type: "string" },
      "skip-pg": { type: "boolean", default: false },
    },
  });
  const runs = Math.max(1, Number(args.runs));
  const events = Number(args.events);
  const profiles = Number(args.profiles ?? Math.max(1, Math.round(events / 10)));
  report(
    `${name} benchmark: ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );

  const dir = args.db ? undefined : mkdtempSync(join(tmpdir(), `journeylens-${name}-bench-`));
  const path = args.db ?? join(dir as string, "bench.duckdb");
  report(
    `DuckDB ${path}, ${events.toLocaleString()} events / ${profiles.toLocaleString()} profiles`,
  );
  const duck = await DuckDBEventStore.open(path, { memoryLimit: args["memory-limit"] });
  try {
    await duck.migrate();
    await bench.ensureData(duck, events, profiles);
    await bench.benchStore(duck, runs);
  } finally {
    await duck.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }

  if (!args["skip-pg"]) {
    const pgEvents = Number(args["pg-events"] ?? events);
    const pgProfiles = Math.max(1, Math.round(pgEvents / 10));
    report(
      `PostgreSQL (throwaway server), ${pgEvents.toLocaleString()} events / ${pgProfiles.toLocaleString()} profiles`,
    );
    const server = await startPostgres();
    try {
      const pg = await PostgresEventStore.open(server.url);
      try {
        await pg.migrate();
        await bench.ensureData(pg, pgEvents, pgProfiles);
        await bench.benchStore(pg, runs);
      } finally {
        await pg.close();
      }
    } finally {
      server.stop();
    }
  }
  report(`peak resident memory ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}
