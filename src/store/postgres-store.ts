import pg from "pg";
import type { StoredEvent } from "../core/stored-event.ts";
import { eventWhere, listEventsSql, rowToEvent, rowToSource } from "./event-query.ts";
import type { EventQuery, EventStore, Source } from "./event-store.ts";
import { applyMigrations } from "./migrate.ts";
import { POSTGRES_DIALECT } from "./sql-dialect.ts";
import { wrapQuery } from "./sql-error.ts";

// One statement per write: arrays unnested into rows, so a batch of any size is 17 parameters.
const INSERT_EVENTS = `
  INSERT INTO events (message_id, source_id, type, event, user_id, anonymous_id, previous_id,
    group_id, email, phone, channel, timestamp, sent_at, received_at, properties, traits, context)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::timestamptz[],
    $13::timestamptz[], $14::timestamptz[], $15::jsonb[], $16::jsonb[], $17::jsonb[])
  ON CONFLICT (message_id) DO NOTHING`;

/** The shared / scale-out store: PostgreSQL ≥ 15 by URL. */
export class PostgresEventStore implements EventStore {
  readonly kind = "postgres" as const;
  readonly dialect = POSTGRES_DIALECT;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string): Promise<PostgresEventStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: 8,
      // JIT compilation costs seconds on the analytics queries and saves nothing at this size.
      options: "-c jit=off",
    });
    // An idle connection the server ends (restart, admin shutdown) is dropped by the pool and
    // the next query opens a new one; without a listener its error would end the process.
    pool.on("error", (error) =>
      console.warn(`PostgreSQL idle connection closed: ${error.message}`),
    );
    // Fail here, with the URL's host named, rather than on the first query.
    const client = await wrapQuery(`connect ${redact(url)}`, () => pool.connect());
    client.release();
    return new PostgresEventStore(pool);
  }

  async exec(sql: string, values?: readonly unknown[]): Promise<void> {
    await this.query(sql, values);
  }

  async query(sql: string, values?: readonly unknown[]): Promise<Record<string, unknown>[]> {
    return wrapQuery(
      sql,
      async () => (await this.pool.query(sql, values ? [...values] : undefined)).rows,
    );
  }

  async migrate(): Promise<number> {
    const client = await this.pool.connect();
    try {
      // Two processes starting at once must not both migrate.
      await client.query("SELECT pg_advisory_lock(7301)");
      return await applyMigrations("postgres", {
        exec: async (sql, values) => {
          await wrapQuery(sql, () => client.query(sql, values));
        },
        appliedVersions: async () =>
          (await client.query("SELECT version FROM schema_migrations")).rows.map((r) =>
            Number(r.version),
          ),
        transaction: async (work) => {
          await client.query("BEGIN");
          try {
            await work();
            await client.query("COMMIT");
          } catch (error) {
            await client.query("ROLLBACK");
            throw error;
          }
        },
      });
    } finally {
      await client.query("SELECT pg_advisory_unlock(7301)").catch(() => undefined);
      client.release();
    }
  }

  async insertEvents(events: readonly StoredEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const columns: unknown[][] = Array.from({ length: 17 }, () => []);
    // Writes run concurrently: inserting keys in one order means two writes holding the same
    // messageIds wait for each other instead of deadlocking.
    for (const e of [...events].sort(byMessageId)) {
      const row = [
        e.messageId,
        e.sourceId,
        e.type,
        e.event,
        e.userId,
        e.anonymousId,
        e.previousId,
        e.groupId,
        e.email,
        e.phone,
        e.channel,
        e.timestamp.toISOString(),
        e.sentAt?.toISOString() ?? null,
        e.receivedAt.toISOString(),
        e.properties,
        e.traits,
        e.context,
      ];
      for (const [i, value] of row.entries()) columns[i]?.push(value);
    }
    const result = await wrapQuery(INSERT_EVENTS, () => this.pool.query(INSERT_EVENTS, columns));
    return result.rowCount ?? 0;
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

  async createSource(source: Source): Promise<void> {
    await this.exec(
      "INSERT INTO sources (id, name, write_key, created_at) VALUES ($1, $2, $3, $4)",
      [source.id, source.name, source.writeKey, source.createdAt],
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
    await this.pool.end();
  }
}

function byMessageId(a: StoredEvent, b: StoredEvent): number {
  return a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
