import type { StoredEvent } from "../core/stored-event.ts";
import type { EventQuery, Source } from "./event-store.ts";

/** WHERE clause and bound values for an EventQuery (`$n` placeholders, both dialects). */
export function eventWhere(query: EventQuery) {
  const clauses: string[] = [];
  const values: string[] = [];
  const param = (value: string) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (query.sourceId !== undefined) clauses.push(`source_id = ${param(query.sourceId)}`);
  if (query.userId !== undefined) clauses.push(`user_id = ${param(query.userId)}`);
  if (query.messageIds !== undefined) {
    const placeholders = query.messageIds.map(param);
    clauses.push(placeholders.length > 0 ? `message_id IN (${placeholders.join(", ")})` : "FALSE");
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "", values };
}

/** The SELECT list that reads events back in StoredEvent shape on both dialects. */
export const EVENT_SELECT = `
  SELECT message_id, source_id, type, event, user_id, anonymous_id, previous_id, group_id,
         email, phone, channel, timestamp, sent_at, received_at,
         properties::text AS properties, traits::text AS traits, context::text AS context
  FROM events`;

export function listEventsSql(query: EventQuery) {
  const { where, values } = eventWhere(query);
  const limit = query.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(query.limit))}` : "";
  return { sql: `${EVENT_SELECT} ${where} ORDER BY timestamp, message_id${limit}`, values };
}

type Row = Record<string, unknown>;

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
export const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

export function rowToEvent(row: Row): StoredEvent {
  return {
    messageId: String(row.message_id),
    sourceId: String(row.source_id),
    type: row.type as StoredEvent["type"],
    event: text(row.event),
    userId: text(row.user_id),
    anonymousId: text(row.anonymous_id),
    previousId: text(row.previous_id),
    groupId: text(row.group_id),
    email: text(row.email),
    phone: text(row.phone),
    channel: row.channel as StoredEvent["channel"],
    timestamp: date(row.timestamp),
    sentAt: row.sent_at === null || row.sent_at === undefined ? null : date(row.sent_at),
    receivedAt: date(row.received_at),
    properties: String(row.properties),
    traits: String(row.traits),
    context: String(row.context),
  };
}

export function rowToSource(row: Row): Source {
  return {
    id: String(row.id),
    name: String(row.name),
    writeKey: String(row.write_key),
    createdAt: date(row.created_at),
  };
}
