import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { DuckDBEventStore } from "../../src/store/duckdb-store.ts";
import type { EventStore, StoreKind } from "../../src/store/event-store.ts";
import { PostgresEventStore } from "../../src/store/postgres-store.ts";

/** Every store dialect; tests loop over these so both run the same assertions. */
export const DIALECTS: readonly StoreKind[] = ["duckdb", "postgres"];

export interface StoreTarget {
  kind: StoreKind;
  /** CLI-style location: a DuckDB file path or a PostgreSQL URL. */
  db?: string;
  pg?: string;
  cleanup(): Promise<void>;
}

let counter = 0;

/** A fresh, empty store location: a new DuckDB file, or a new database on the test server. */
export async function freshTarget(kind: StoreKind): Promise<StoreTarget> {
  if (kind === "duckdb") {
    const dir = mkdtempSync(join(tmpdir(), "journeylens-duck-"));
    return {
      kind,
      db: join(dir, "events.duckdb"),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = inject("postgresUrl");
  const name = `t_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    kind,
    pg: base.replace(/\/postgres$/, `/${name}`),
    cleanup: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A fresh migrated store and its cleanup. */
export async function freshStore(
  kind: StoreKind,
): Promise<{ store: EventStore; cleanup(): Promise<void> }> {
  const target = await freshTarget(kind);
  const store = target.pg
    ? await PostgresEventStore.open(target.pg)
    : await DuckDBEventStore.open(target.db ?? "");
  await store.migrate();
  return {
    store,
    cleanup: async () => {
      await store.close();
      await target.cleanup();
    },
  };
}
