import type { StoredEvent } from "../core/stored-event.ts";
import type { SqlDialect } from "./sql-dialect.ts";

export type StoreKind = "duckdb" | "postgres";

/** A source sends events with its write key (HTTP Basic user name, as Segment does). */
export interface Source {
  id: string;
  name: string;
  writeKey: string;
  createdAt: Date;
}

export interface EventQuery {
  sourceId?: string;
  userId?: string;
  messageIds?: readonly string[];
  limit?: number;
}

/**
 * The event store port. Every adapter passes the same conformance suite
 * (`test/event-store.int.test.ts`). Writes are durable when the promise resolves.
 */
export interface EventStore {
  readonly kind: StoreKind;
  /** The SQL fragments of this store, for query builders. */
  readonly dialect: SqlDialect;
  /** Runs a read query with `$n` parameters; failures are wrapped with the query. */
  query(sql: string, values?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs a statement with `$n` parameters. DuckDB writes are serialised with insertEvents. */
  exec(sql: string, values?: readonly unknown[]): Promise<void>;
  /** Applies pending schema migrations; returns the schema version now in force. */
  migrate(): Promise<number>;
  /** Stores events once per messageId; returns how many were new. */
  insertEvents(events: readonly StoredEvent[]): Promise<number>;
  countEvents(query?: EventQuery): Promise<number>;
  listEvents(query?: EventQuery): Promise<StoredEvent[]>;
  createSource(source: Source): Promise<void>;
  listSources(): Promise<Source[]>;
  findSourceByWriteKey(writeKey: string): Promise<Source | undefined>;
  close(): Promise<void>;
}
