import {
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBTimestampTZValue,
  type DuckDBType,
  type DuckDBValue,
  TIMESTAMPTZ,
  VARCHAR,
} from "@duckdb/node-api";
import type { StoredEvent } from "../core/stored-event.ts";
import { eventWhere, listEventsSql, rowToEvent, rowToSource } from "./event-query.ts";
import type { EventQuery, EventStore, Source } from "./event-store.ts";
import { BUMP_GENERATION_SQL } from "./generations.ts";
import { applyMigrations } from "./migrate.ts";
import { Serial } from "./serial.ts";
import { DUCKDB_DIALECT } from "./sql-dialect.ts";
import { wrapQuery } from "./sql-error.ts";

const STAGING = "events_staging";
const CHANGES_EVENTS = /\b(?:DELETE\s+FROM|UPDATE|TRUNCATE(?:\s+TABLE)?)\s+"?events"?(?:\s|;|$)/i;
const SORTED_WRITE_ROWS = 10_000;

/** The embedded store: one DuckDB file (or `:memory:`). */
export class DuckDBEventStore implements EventStore {
  readonly kind = "duckdb" as const;
  readonly dialect = DUCKDB_DIALECT;
  readonly #writes = new Serial();
  #stagingReady = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(
    path: string,
    options: { memoryLimit?: string } = {},
  ): Promise<DuckDBEventStore> {
    // Each checkpoint rewrites the message_id index; DuckDB's default (16 MB of WAL) made
    // index upkeep half the cost of a write. A larger WAL costs only replay time after a crash.
    const instance = await DuckDBInstance.create(path, {
      checkpoint_threshold: "512MB",
      ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
    });
    const connection = await instance.connect();
    return new DuckDBEventStore(instance, connection);
  }

  /** A statement on the writer connection, in turn with every other write. */
  exec(sql: string, values?: readonly unknown[]): Promise<void> {
    // The journey index covers the events by their count (they are append-only: INSERT OR
    // IGNORE): a statement that deletes or changes events moves the `events` generation
    // before and after it (src/store/generations.ts), which marks the index stale.
    if (CHANGES_EVENTS.test(sql)) {
      return this.#writes.run(async () => {
        await this.#run(BUMP_GENERATION_SQL, ["events"]);
        try {
          await this.#run(sql, values);
        } finally {
          await this.#run(BUMP_GENERATION_SQL, ["events"]);
        }
      });
    }
    return this.#writes.run(() => this.#run(sql, values));
  }

  /** A read on a connection of its own, so reads never wait behind writes (MVCC). */
  async query(sql: string, values?: readonly unknown[]): Promise<Record<string, unknown>[]> {
    const connection = await this.instance.connect();
    try {
      return await wrapQuery(sql, async () => {
        const reader = await connection.runAndReadAll(sql, values as DuckDBValue[] | undefined);
        return reader.getRowObjectsJS() as Record<string, unknown>[];
      });
    } finally {
      connection.closeSync();
    }
  }

  async #run(sql: string, values?: readonly unknown[]): Promise<void> {
    await wrapQuery(sql, () => this.connection.run(sql, values as DuckDBValue[] | undefined));
  }

  async #read(sql: string, values?: readonly unknown[]): Promise<Record<string, unknown>[]> {
    return wrapQuery(sql, async () => {
      const reader = await this.connection.runAndReadAll(sql, values as DuckDBValue[] | undefined);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    });
  }

  migrate(): Promise<number> {
    return this.#writes.run(() =>
      applyMigrations("duckdb", {
        exec: (sql, values) => this.#run(sql, values),
        appliedVersions: async () =>
          (await this.#read("SELECT version FROM schema_migrations")).map((r) => Number(r.version)),
        transaction: (work) => this.#transaction(work),
      }),
    );
  }

  async insertEvents(events: readonly StoredEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    // Converted before taking the writer's turn: this is main-thread work, and with a second
    // write allowed in flight it overlaps the running write's commit on DuckDB's threads.
    const unique = [...dedupe(events)];
    const chunks = toChunks(unique);
    // Keys in order made primary-key (ART) upkeep ~30% cheaper for HTTP-sized writes (2,000
    // rows); for import-sized ones (50,000) the sort cost as much as it saved.
    const order = unique.length <= SORTED_WRITE_ROWS ? " ORDER BY message_id" : "";
    return this.#writes.run(async () => {
      await this.#ensureStaging();
      const appender = await this.connection.createAppender(STAGING, "main", "temp");
      try {
        for (const chunk of chunks) appender.appendDataChunk(chunk);
        appender.closeSync();
      } catch (cause) {
        await this.#run(`DELETE FROM ${STAGING}`);
        throw cause;
      }
      try {
        // One autocommitted statement: DuckDB syncs its WAL before the commit returns.
        const rows = await this.#read(
          `INSERT OR IGNORE INTO events SELECT * FROM ${STAGING}${order}`,
        );
        return Number(rows[0]?.Count ?? 0);
      } finally {
        await this.#run(`DELETE FROM ${STAGING}`);
      }
    });
  }

  async countEvents(query: EventQuery = {}): Promise<number> {
    const { where, values } = eventWhere(query);
    const rows = await this.query(`SELECT count(*) AS n FROM events ${where}`, values);
    return Number(rows[0]?.n ?? 0);
  }

  async listEvents(query: EventQuery = {}): Promise<StoredEvent[]> {
    const { sql, values } = listEventsSql(query);
    return (await this.query(sql, values)).map(rowToEvent);
  }

  createSource(source: Source): Promise<void> {
    return this.#writes.run(() =>
      this.#run("INSERT INTO sources (id, name, write_key, created_at) VALUES ($1, $2, $3, $4)", [
        source.id,
        source.name,
        source.writeKey,
        source.createdAt.toISOString(),
      ]),
    );
  }

  async listSources(): Promise<Source[]> {
    return (await this.query("SELECT * FROM sources ORDER BY created_at, name")).map(rowToSource);
  }

  async findSourceByWriteKey(writeKey: string): Promise<Source | undefined> {
    const rows = await this.query("SELECT * FROM sources WHERE write_key = $1", [writeKey]);
    return rows[0] ? rowToSource(rows[0]) : undefined;
  }

  async close(): Promise<void> {
    await this.#writes.run(async () => {
      this.connection.closeSync();
      this.instance.closeSync();
    });
  }

  async #ensureStaging() {
    if (this.#stagingReady) return;
    await this.#run(`CREATE TEMP TABLE IF NOT EXISTS ${STAGING} AS SELECT * FROM events LIMIT 0`);
    this.#stagingReady = true;
  }

  async #transaction(work: () => Promise<void>) {
    await this.#run("BEGIN TRANSACTION");
    try {
      await work();
      await this.#run("COMMIT");
    } catch (error) {
      await this.#run("ROLLBACK");
      throw error;
    }
  }
}

function dedupe(events: readonly StoredEvent[]): Iterable<StoredEvent> {
  const byId = new Map<string, StoredEvent>();
  for (const event of events) if (!byId.has(event.messageId)) byId.set(event.messageId, event);
  return byId.values();
}

// Column-at-a-time appends are ~2x faster than value-at-a-time ones; 2048 is DuckDB's vector size.
const CHUNK_ROWS = 2048;
// One entry per column, in the order of the events table (migrations.ts).
const text = (value: (e: StoredEvent) => string | null) => ({ type: VARCHAR, value });
const time = (value: (e: StoredEvent) => Date | null) => ({
  type: TIMESTAMPTZ,
  value: (e: StoredEvent) => {
    const date = value(e);
    return date ? micros(date) : null;
  },
});
const COLUMNS: readonly { type: DuckDBType; value: (e: StoredEvent) => DuckDBValue }[] = [
  text((e) => e.messageId),
  text((e) => e.sourceId),
  text((e) => e.type),
  text((e) => e.event),
  text((e) => e.userId),
  text((e) => e.anonymousId),
  text((e) => e.previousId),
  text((e) => e.groupId),
  text((e) => e.email),
  text((e) => e.phone),
  text((e) => e.channel),
  time((e) => e.timestamp),
  time((e) => e.sentAt),
  time((e) => e.receivedAt),
  text((e) => e.properties),
  text((e) => e.traits),
  text((e) => e.context),
];
const CHUNK_TYPES = COLUMNS.map((column) => column.type);

function toChunks(events: readonly StoredEvent[]): DuckDBDataChunk[] {
  const chunks: DuckDBDataChunk[] = [];
  for (let start = 0; start < events.length; start += CHUNK_ROWS) {
    chunks.push(toChunk(events, start, Math.min(start + CHUNK_ROWS, events.length)));
  }
  return chunks;
}

/** Fills each column's vector straight from the events: no per-row or per-column arrays. */
function toChunk(events: readonly StoredEvent[], start: number, end: number): DuckDBDataChunk {
  const chunk = DuckDBDataChunk.create(CHUNK_TYPES, end - start);
  COLUMNS.forEach(({ value }, column) => {
    const vector = chunk.getColumnVector(column);
    for (let row = start; row < end; row++) {
      vector.setItem(row - start, value(events[row] as StoredEvent));
    }
    vector.flush();
  });
  return chunk;
}

// The events of one request share their receivedAt (and often sentAt): one value per time.
let lastMs = Number.NaN;
let lastMicros = new DuckDBTimestampTZValue(0n);
function micros(date: Date): DuckDBTimestampTZValue {
  const ms = date.getTime();
  if (ms !== lastMs) {
    lastMicros = new DuckDBTimestampTZValue(BigInt(ms) * 1000n);
    lastMs = ms;
  }
  return lastMicros;
}
