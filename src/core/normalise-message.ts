import { createHash } from "node:crypto";
import type { z } from "zod";
import { resolveChannel } from "./channel.ts";
import { type CountryCode, normaliseEmail, normalisePhone } from "./identifiers.ts";
import { type Message, MessageSchema, NOT_A_DATE_TIME, parseDateTime } from "./message-schema.ts";
import { drop, type Outcome, ok } from "./outcome.ts";
import type { StoredEvent } from "./stored-event.ts";

export interface NormaliseOptions {
  sourceId: string;
  receivedAt: Date;
  /** Region used to read phone numbers written without a country code. */
  defaultRegion: CountryCode;
  /**
   * Largest message accepted, in UTF-8 bytes of its properties, traits, context and ids (the
   * rest of a message is a few fixed fields). Unlimited when absent (file import).
   */
  maxMessageBytes?: number;
  /** Batch-level context and sentAt (the `/v1/batch` envelope), applied under the message's. */
  envelope?: { context?: Record<string, unknown> | null; sentAt?: unknown };
}

type JsonFields = { properties: string; traits: string; context: string };

const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
const EMPTY: Record<string, unknown> = {};

/**
 * Turns one client message into a stored event, or a drop naming the field and the reason.
 * Steps: parse → check identity → check type-specific fields → resolve time → extract.
 */
export function normaliseMessage(raw: unknown, options: NormaliseOptions): Outcome<StoredEvent> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return drop("message", "must be a JSON object");
  }
  const parsed = MessageSchema.safeParse(arrayContextUnderEnvelope(raw, options) ?? raw);
  if (!parsed.success) return firstIssue(parsed.error);
  const message = parsed.data;
  if (options.envelope) {
    const invalid = applyEnvelope(message, raw as Record<string, unknown>, options.envelope);
    if (invalid) return invalid;
  }

  const userId = nonEmpty(message.userId);
  const anonymousId = nonEmpty(message.anonymousId);
  if (userId === null && anonymousId === null) {
    return drop("userId", "userId or anonymousId is required");
  }
  const required = requiredField(message);
  if (required) return drop(required, `required for ${message.type} messages`);

  const time = resolveTimestamp(message, options.receivedAt);
  if (!time.ok) return time;

  const properties = message.properties ?? EMPTY;
  const context = message.context ?? EMPTY;
  const traits =
    message.type === "identify" || message.type === "group"
      ? (message.traits ?? EMPTY)
      : ((context.traits as Record<string, unknown> | undefined) ?? EMPTY);
  const contextTraits = (context.traits as Record<string, unknown> | undefined) ?? EMPTY;

  const json = {
    properties: JSON.stringify(pageProperties(message, properties)),
    traits: JSON.stringify(traits),
    context: JSON.stringify(context),
  };
  if (options.maxMessageBytes !== undefined && !surelyWithin(options.maxMessageBytes, json)) {
    const size = messageBytes(message, json);
    if (size > options.maxMessageBytes) {
      return drop("message", `${size} bytes, over the ${options.maxMessageBytes}-byte limit`);
    }
  }
  const nul = nulField(message, json);
  if (nul) return drop(nul, "contains a NUL (U+0000) character");

  return ok({
    messageId: message.messageId ?? contentId(raw),
    sourceId: options.sourceId,
    type: message.type,
    event: eventName(message),
    userId,
    anonymousId,
    previousId: nonEmpty(message.previousId),
    groupId: nonEmpty(message.groupId),
    email: normaliseEmail(traits.email ?? contextTraits.email) ?? null,
    phone: normalisePhone(traits.phone ?? contextTraits.phone, options.defaultRegion) ?? null,
    channel: resolveChannel({ type: message.type, properties, context }),
    timestamp: time.value,
    sentAt: message.sentAt ?? null,
    receivedAt: options.receivedAt,
    ...json,
  });
}

// JSON.stringify writes U+0000 as \u0000; an even run of backslashes before it is not an escape.
const ESCAPED_NUL = /(^|[^\\])(\\\\)*\\u0000/;
const TEXT_FIELDS = [
  "messageId",
  "userId",
  "anonymousId",
  "previousId",
  "groupId",
  "event",
  "name",
] as const;

/** A UTF-16 code unit is at most 3 UTF-8 bytes: most messages need no byte count at all. */
function surelyWithin(maxBytes: number, json: JsonFields): boolean {
  return (
    3 * (json.properties.length + json.traits.length + json.context.length + 7 * 255) <= maxBytes
  );
}

function messageBytes(message: Message, json: JsonFields): number {
  let size = 0;
  for (const text of Object.values(json)) size += Buffer.byteLength(text);
  for (const field of TEXT_FIELDS) size += Buffer.byteLength(message[field] ?? "");
  return size;
}

/** The field holding a NUL character, which PostgreSQL cannot store in text or jsonb. */
function nulField(message: Message, json: JsonFields): string | undefined {
  const text = TEXT_FIELDS.find((field) => message[field]?.includes("\0"));
  if (text) return text;
  // The regex only when an escaped NUL may be there at all (includes() is a fast scan).
  return (Object.keys(json) as (keyof JsonFields)[]).find((field) => {
    const text = json[field];
    return text.includes("\\u0000") && ESCAPED_NUL.test(text);
  });
}

/**
 * An array `context` in a batch with a context has always been spread into an object (then
 * accepted); kept so as not to change which messages are stored. Rare: only then is the raw
 * message copied.
 */
function arrayContextUnderEnvelope(raw: object, options: NormaliseOptions) {
  const context = (raw as { context?: unknown }).context;
  if (!options.envelope?.context || !Array.isArray(context)) return undefined;
  return { ...raw, context: { ...options.envelope.context, ...context } };
}

/**
 * Puts the batch envelope's context under the message's and its sentAt in when the message
 * has none, on the parsed message (copying every raw message first cost ~1 µs each). The
 * envelope's sentAt is checked as the schema would have; sentAt is the schema's last field,
 * so any other invalid field was reported first, as before.
 */
function applyEnvelope(
  message: Message,
  raw: Record<string, unknown>,
  envelope: NonNullable<NormaliseOptions["envelope"]>,
): Outcome<never> | undefined {
  if (envelope.context) {
    if (raw.context === undefined) message.context = envelope.context;
    else if (message.context) message.context = { ...envelope.context, ...message.context };
  }
  if (raw.sentAt === undefined && typeof envelope.sentAt === "string") {
    const sentAt = parseDateTime(envelope.sentAt);
    if (!sentAt) return drop("sentAt", NOT_A_DATE_TIME);
    message.sentAt = sentAt;
  }
  return undefined;
}

function firstIssue(error: z.ZodError): Outcome<never> {
  const issue = error.issues[0];
  if (!issue) return drop("message", "invalid");
  const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "message";
  return drop(field, issue.message);
}

function nonEmpty(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === "" ? null : value;
}

function requiredField(message: Message): string | undefined {
  if (message.type === "track" && !message.event) return "event";
  if (message.type === "alias" && !nonEmpty(message.previousId)) return "previousId";
  if (message.type === "group" && !nonEmpty(message.groupId)) return "groupId";
  return undefined;
}

/**
 * Segment's rule: the event time is `timestamp` (else `originalTimestamp`, else receipt), and
 * when the client also says when it sent the message, the client clock's skew is removed.
 */
function resolveTimestamp(message: Message, receivedAt: Date): Outcome<Date> {
  const field = message.timestamp ? "timestamp" : "originalTimestamp";
  const stated = message.timestamp ?? message.originalTimestamp;
  if (!stated) return ok(receivedAt);
  const skew = message.sentAt ? receivedAt.getTime() - message.sentAt.getTime() : 0;
  const time = new Date(stated.getTime() + skew);
  if (time.getTime() < 0) return drop(field, "before 1970-01-01");
  if (time.getTime() > receivedAt.getTime() + MAX_FUTURE_MS) {
    return drop(field, "more than 24 hours in the future");
  }
  return ok(time);
}

function eventName(message: Message): string | null {
  if (message.type === "track") return message.event ?? null;
  if (message.type === "page" || message.type === "screen") {
    const name = message.name ?? (message.properties?.name as string | undefined);
    return typeof name === "string" && name !== "" ? name : null;
  }
  return null;
}

function pageProperties(message: Message, properties: Record<string, unknown>) {
  if (message.type !== "page" && message.type !== "screen") return properties;
  if (!message.name && !message.category) return properties;
  return {
    ...properties,
    name: message.name ?? undefined,
    category: message.category ?? undefined,
  };
}

/** A stable id for a message sent without one, so that a retry of it is still stored once. */
export function contentId(raw: unknown): string {
  return `jl-${createHash("sha256").update(stableJson(raw)).digest("hex").slice(0, 32)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key, v]) => v !== undefined && key !== "sentAt" && key !== "receivedAt")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
