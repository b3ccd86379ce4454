import type { StoreKind } from "./event-store.ts";

/** A versioned schema change, written once per dialect. Never edit one that has shipped. */
export interface Migration {
  version: number;
  name: string;
  sql: Record<StoreKind, string>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "events and sources",
    sql: {
      duckdb: `
        CREATE TABLE sources (
          id VARCHAR PRIMARY KEY,
          name VARCHAR NOT NULL UNIQUE,
          write_key VARCHAR NOT NULL UNIQUE,
          created_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE events (
          message_id VARCHAR PRIMARY KEY,
          source_id VARCHAR NOT NULL,
          type VARCHAR NOT NULL,
          event VARCHAR,
          user_id VARCHAR,
          anonymous_id VARCHAR,
          previous_id VARCHAR,
          group_id VARCHAR,
          email VARCHAR,
          phone VARCHAR,
          channel VARCHAR NOT NULL,
          timestamp TIMESTAMPTZ NOT NULL,
          sent_at TIMESTAMPTZ,
          received_at TIMESTAMPTZ NOT NULL,
          properties JSON NOT NULL,
          traits JSON NOT NULL,
          context JSON NOT NULL
        );`,
      postgres: `
        CREATE TABLE sources (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          write_key TEXT NOT NULL UNIQUE,
          created_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE events (
          message_id TEXT PRIMARY KEY,
          source_id TEXT NOT NULL,
          type TEXT NOT NULL,
          event TEXT,
          user_id TEXT,
          anonymous_id TEXT,
          previous_id TEXT,
          group_id TEXT,
          email TEXT,
          phone TEXT,
          channel TEXT NOT NULL,
          timestamp TIMESTAMPTZ NOT NULL,
          sent_at TIMESTAMPTZ,
          received_at TIMESTAMPTZ NOT NULL,
          properties JSONB NOT NULL,
          traits JSONB NOT NULL,
          context JSONB NOT NULL
        );
        CREATE INDEX events_user_time ON events (user_id, timestamp);
        CREATE INDEX events_anonymous_time ON events (anonymous_id, timestamp);`,
    },
  },
  {
    version: 2,
    name: "identity graph and profiles",
    sql: {
      // No keys on DuckDB: its ART indexes made each identity update ~5x slower (and deleting
      // checkpointed index entries slower still) while lookups here are scans either way.
      // Identity writes are serialised in one process, which keeps rows unique.
      duckdb: identityTables({ text: "VARCHAR", keys: false }),
      postgres: `${identityTables({ text: "TEXT", keys: true })}
        CREATE INDEX profile_identifiers_profile ON profile_identifiers (profile_id);
        CREATE INDEX profile_identifiers_component ON profile_identifiers (component_id);
        CREATE INDEX profile_identifiers_value ON profile_identifiers (identifier_value);
        CREATE INDEX identity_conflicts_component ON identity_conflicts (component_id);`,
    },
  },
  {
    version: 3,
    name: "users, API keys and sessions",
    sql: { duckdb: accessTables("VARCHAR"), postgres: accessTables("TEXT") },
  },
  {
    version: 4,
    name: "journey index",
    sql: { duckdb: journeyIndexTables("VARCHAR"), postgres: journeyIndexTables("TEXT") },
  },
];

/**
 * Generation counters (a write that changes what they name moves them before and after:
 * `profiles` around every change of profile_identifiers, `events` around a statement that
 * deletes or updates events) and what the journey index covers (docs/architecture.md). The
 * index tables themselves are written by its refresh (src/journeys/journey-index.ts).
 */
function journeyIndexTables(text: string): string {
  return `
        CREATE TABLE store_generations (
          name ${text} PRIMARY KEY,
          value BIGINT NOT NULL
        );
        INSERT INTO store_generations (name, value) VALUES ('profiles', 0), ('events', 0);
        CREATE TABLE journey_index_state (
          format INTEGER NOT NULL,
          events BIGINT NOT NULL,
          events_generation BIGINT NOT NULL,
          profiles_generation BIGINT NOT NULL,
          built_at TIMESTAMPTZ NOT NULL
        );`;
}

/** Dashboard users, API keys and login sessions (docs/access.md); secrets are stored hashed. */
function accessTables(text: string): string {
  return `
        CREATE TABLE users (
          username ${text} PRIMARY KEY,
          password_hash ${text} NOT NULL,
          role ${text} NOT NULL,
          created_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE api_keys (
          id ${text} PRIMARY KEY,
          name ${text} NOT NULL,
          role ${text} NOT NULL,
          key_hash ${text} NOT NULL UNIQUE,
          created_at TIMESTAMPTZ NOT NULL,
          last_used_at TIMESTAMPTZ,
          revoked_at TIMESTAMPTZ
        );
        CREATE TABLE auth_sessions (
          token_hash ${text} PRIMARY KEY,
          username ${text} NOT NULL,
          created_at TIMESTAMPTZ NOT NULL,
          expires_at TIMESTAMPTZ NOT NULL
        );`;
}

/** The identity tables (docs/identity.md): identifiers with their profile, edges, conflicts. */
function identityTables({ text, keys }: { text: string; keys: boolean }): string {
  const key = (columns: string) => (keys ? `,\n          PRIMARY KEY (${columns})` : "");
  return `
        CREATE TABLE profile_identifiers (
          identifier_type ${text} NOT NULL,
          identifier_value ${text} NOT NULL,
          profile_id ${text} NOT NULL,
          component_id ${text} NOT NULL,
          status ${text} NOT NULL,
          first_seen TIMESTAMPTZ NOT NULL,
          first_message_id ${text} NOT NULL${key("identifier_type, identifier_value")}
        );
        CREATE TABLE identity_edges (
          src_key ${text} NOT NULL,
          dst_key ${text} NOT NULL,
          first_seen TIMESTAMPTZ NOT NULL,
          first_message_id ${text} NOT NULL${key("src_key, dst_key")}
        );
        CREATE TABLE identity_conflicts (
          component_id ${text} NOT NULL,
          kind ${text} NOT NULL,
          identifier_type ${text},
          identifiers ${text} NOT NULL,
          detail ${text} NOT NULL
        );
        CREATE TABLE identity_rules (
          id ${text} PRIMARY KEY,
          kind ${text} NOT NULL,
          identifiers ${text} NOT NULL,
          note ${text},
          created_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE identity_rejections (
          identifier_type ${text} NOT NULL,
          reason ${text} NOT NULL,
          messages BIGINT NOT NULL,
          example ${text}
        );`;
}

export const SCHEMA_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
  )`;
