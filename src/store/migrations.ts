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
];

export const SCHEMA_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
  )`;
