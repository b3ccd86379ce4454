import { DuckDBEventStore } from "./duckdb-store.ts";
import type { EventStore } from "./event-store.ts";
import { PostgresEventStore } from "./postgres-store.ts";

/** Opens the store named by a DuckDB file path or a PostgreSQL URL. */
export function openStore(
  target: { db: string; memoryLimit?: string } | { pg: string },
): Promise<EventStore> {
  return "pg" in target
    ? PostgresEventStore.open(target.pg)
    : DuckDBEventStore.open(target.db, { memoryLimit: target.memoryLimit });
}
