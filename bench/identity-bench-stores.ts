import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EventStore } from "../src/store/event-store.ts";
import { openStore } from "../src/store/open-store.ts";
import { startPostgres } from "../test/support/postgres-server.ts";

/** A fresh migrated store for a benchmark: a temp DuckDB file, or a throwaway PostgreSQL. */
export async function freshBenchStore(
  kind: "duckdb" | "postgres",
): Promise<{ store: EventStore; cleanup(): Promise<void> }> {
  if (kind === "duckdb") {
    const dir = mkdtempSync(join(tmpdir(), "jl-identity-bench-"));
    const store = await openStore({ db: join(dir, "bench.duckdb") });
    await store.migrate();
    return {
      store,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const server = await startPostgres();
  const stop = () => server.stop();
  process.once("SIGINT", stop);
  const store = await openStore({ pg: server.url });
  await store.migrate();
  return {
    store,
    cleanup: async () => {
      await store.close();
      process.off("SIGINT", stop);
      stop();
    },
  };
}
