import { z } from "zod";
import { MESSAGE_TYPES } from "../core/message-schema.ts";
import { contentId } from "../core/normalise-message.ts";

/** Message fields a single source column can fill. */
export const MAPPED_FIELDS = [
  "messageId",
  "userId",
  "anonymousId",
  "email",
  "phone",
  "event",
  "type",
  "timestamp",
  "channel",
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

const column = z.string().trim().min(1, "empty column name");
const columnGroup = z.union([z.array(column), z.record(z.string().min(1), column)], {
  error: 'a list of column names, or an object { targetKey: "Column Name" }',
});
const CONSTANT_KEY =
  /^(userId|anonymousId|email|phone|event|type|timestamp|channel|(properties|traits)\.[^.\s]+)$/;
const constantValue = z.union([z.string(), z.number(), z.boolean()]);

/** How source columns become a Segment message (a mapping file, or `--map` / `--set` flags). */
export const ColumnMappingSchema = z
  .object({
    messageId: column.optional(),
    userId: column.optional(),
    anonymousId: column.optional(),
    email: column.optional(),
    phone: column.optional(),
    event: column.optional(),
    type: column.optional(),
    timestamp: column.optional(),
    channel: column.optional(),
    properties: columnGroup.optional(),
    traits: columnGroup.optional(),
    /**
     * Where columns the mapping does not name go: `auto` puts them in traits on identify
     * messages and in properties otherwise, so an export's extra columns are not lost.
     */
    others: z.enum(["auto", "properties", "traits", "ignore"]).optional(),
    constants: z
      .record(z.string().regex(CONSTANT_KEY, "not a mappable field"), constantValue)
      .refine((c) => c.type === undefined || MESSAGE_TYPES.includes(c.type as never), {
        message: `type must be one of ${MESSAGE_TYPES.join(", ")}`,
      })
      .optional(),
  })
  .strict();

export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;
type Row = Readonly<Record<string, unknown>>;
type Json = Record<string, unknown>;

export class MappingError extends Error {
  override name = "MappingError";
}

/** Validates a mapping; the error names every bad key and why. */
export function parseColumnMapping(raw: unknown, origin = "mapping"): ColumnMapping {
  const result = ColumnMappingSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") return `${issue.keys.join(", ")}: unknown key`;
    const message = issue.code === "invalid_key" ? issue.issues[0]?.message : issue.message;
    return `${key || "(root)"}: ${message}`;
  });
  throw new MappingError(`invalid ${origin}:\n  ${problems.join("\n  ")}`);
}

/** True when the mapping names at least one column (not only constants). */
export function mapsColumns(mapping: ColumnMapping): boolean {
  return (
    MAPPED_FIELDS.some((field) => mapping[field] !== undefined) ||
    mapping.properties !== undefined ||
    mapping.traits !== undefined
  );
}

/** Every source column the mapping reads, to check against a file's header. */
export function mappedColumns(mapping: ColumnMapping): string[] {
  const columns = MAPPED_FIELDS.flatMap((field) => mapping[field] ?? []);
  for (const group of [mapping.properties, mapping.traits]) {
    if (group) columns.push(...(Array.isArray(group) ? group : Object.values(group)));
  }
  return [...new Set(columns)];
}

// Header spellings (lower-case, letters and digits only) recognised without a mapping.
const HEADER_NAMES: Record<string, MappedField> = {
  messageid: "messageId",
  userid: "userId",
  anonymousid: "anonymousId",
  email: "email",
  emailaddress: "email",
  phone: "phone",
  phonenumber: "phone",
  event: "event",
  eventname: "event",
  type: "type",
  timestamp: "timestamp",
  eventtime: "timestamp",
  occurredat: "timestamp",
  channel: "channel",
};

/** A mapping guessed from a header: Segment field names (any case, `user_id` too) map to themselves. */
export function inferMapping(columns: readonly string[], base: ColumnMapping = {}): ColumnMapping {
  const mapping: ColumnMapping = { ...base };
  for (const name of columns) {
    const field = HEADER_NAMES[name.toLowerCase().replace(/[^a-z0-9]/g, "")];
    if (field && mapping[field] === undefined) mapping[field] = name;
  }
  return mapping;
}

export interface RowContext {
  /**
   * How many rows with this content key came before in the same file. Makes the derived
   * messageId of two identical rows differ while staying the same on a re-import.
   */
  contentOccurrence: (contentKey: string) => number;
}

interface CompiledMapping {
  fields: [MappedField, string][];
  properties: [string, string][];
  traits: [string, string][];
  used: Set<string>;
  constants: [string, string | number | boolean][];
}

const compiled = new WeakMap<ColumnMapping, CompiledMapping>();

function compile(mapping: ColumnMapping): CompiledMapping {
  let c = compiled.get(mapping);
  if (c) return c;
  const fields = MAPPED_FIELDS.flatMap((f): [MappedField, string][] => {
    const source = mapping[f];
    return source === undefined ? [] : [[f, source]];
  });
  const pairs = (group: ColumnMapping["properties"]): [string, string][] =>
    !group ? [] : Array.isArray(group) ? group.map((name) => [name, name]) : Object.entries(group);
  c = {
    fields,
    properties: pairs(mapping.properties),
    traits: pairs(mapping.traits),
    used: new Set(mappedColumns(mapping)),
    constants: Object.entries(mapping.constants ?? {}),
  };
  compiled.set(mapping, c);
  return c;
}

/**
 * Builds a Segment message from one row. Email, phone and mapped traits go into `traits` on
 * identify/group messages and into `context.traits` otherwise (where the Segment spec, and
 * normaliseMessage, read a track's traits); the channel goes into `properties.channel`.
 * Without a messageId the id derives from the message's content and its occurrence index.
 */
export function rowToMessage(row: Row, mapping: ColumnMapping, context: RowContext): Json {
  const c = compile(mapping);
  const values: Partial<Record<MappedField, unknown>> = {};
  for (const [field, source] of c.fields) values[field] = row[source];
  const properties: Json = {};
  const traits: Json = {};
  for (const [key, source] of c.properties) setValue(properties, key, row[source]);
  for (const [key, source] of c.traits) setValue(traits, key, row[source]);
  const constant: Json = {};
  for (const [key, value] of c.constants) {
    if (key.startsWith("properties.")) properties[key.slice(11)] ??= value;
    else if (key.startsWith("traits.")) traits[key.slice(7)] ??= value;
    else constant[key] = value;
  }

  const event = text(values.event) ?? text(constant.event);
  const email = text(values.email) ?? text(constant.email);
  const phone = text(values.phone) ?? text(constant.phone);
  if (email !== undefined) traits.email = email;
  if (phone !== undefined) traits.phone = phone;
  const type =
    text(values.type)?.toLowerCase() ??
    text(constant.type) ??
    (event === undefined && Object.keys(traits).length > 0 ? "identify" : "track");
  const onTraits = type === "identify" || type === "group";

  const others = mapping.others ?? "auto";
  if (others !== "ignore") {
    const target = others === "traits" || (others === "auto" && onTraits) ? traits : properties;
    for (const key of Object.keys(row))
      if (!c.used.has(key)) setValue(target, key, row[key], false);
  }
  const channel = text(values.channel) ?? text(constant.channel);
  if (channel !== undefined) properties.channel = channel;

  const message: Json = { type };
  if (event !== undefined) message.event = event;
  const userId = text(values.userId) ?? text(constant.userId);
  if (userId !== undefined) message.userId = userId;
  const anonymousId = text(values.anonymousId) ?? text(constant.anonymousId);
  if (anonymousId !== undefined) message.anonymousId = anonymousId;
  const timestamp = timestampText(values.timestamp) ?? timestampText(constant.timestamp);
  if (timestamp !== undefined) message.timestamp = timestamp;
  if (Object.keys(properties).length > 0) message.properties = properties;
  if (Object.keys(traits).length > 0) {
    if (onTraits) message.traits = traits;
    else message.context = { traits };
  }
  const messageId = text(values.messageId);
  if (messageId !== undefined) {
    message.messageId = messageId;
    return message;
  }
  return withContentId(message, context);
}

/** Gives a message without a messageId one derived from its content and occurrence index. */
export function withContentId(message: Json, { contentOccurrence }: RowContext): Json {
  if (typeof message.messageId === "string" && message.messageId.trim() !== "") return message;
  const first = contentId(message);
  const occurrence = contentOccurrence(first);
  const messageId = occurrence === 0 ? first : contentId({ message, occurrence });
  return { ...message, messageId };
}

// Numbers written as text become numbers unless that would change them (leading zeros, ids
// longer than a double can hold): scores and amounts should aggregate, zip codes must not.
const NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d+)?$/;

function setValue(target: Json, key: string, raw: unknown, overwrite = true) {
  if (!overwrite && key in target) return;
  let value = raw;
  if (typeof value === "string") {
    value = value.trim();
    if (value === "") return;
    if (NUMBER.test(value as string)) value = Number(value);
  } else if (value === null || value === undefined) {
    return;
  } else if (typeof value === "bigint") {
    value = Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  } else if (value instanceof Date) {
    value = value.toISOString();
  }
  target[key] = value;
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  const s = typeof value === "object" ? JSON.stringify(value) : String(value).trim();
  return s === "" ? undefined : s;
}

const ZONELESS = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const EPOCH = /^\d{10}(\.\d+)?$|^\d{13}$/;

/**
 * Export timestamps rarely carry a zone, and JavaScript would read them in the importing
 * machine's zone; journeylens reads them as UTC so an import gives the same events anywhere.
 * Epoch seconds or milliseconds are accepted too. Anything else passes through to be judged.
 */
export function timestampText(value: unknown): string | undefined {
  if (typeof value === "number" || typeof value === "bigint") return epoch(Number(value));
  const s = text(value);
  if (s === undefined) return undefined;
  if (ZONELESS.test(s)) return `${s.replace(" ", "T")}Z`;
  if (EPOCH.test(s)) return epoch(Number(s));
  return s;
}

function epoch(n: number): string {
  const date = new Date(n < 1e11 ? n * 1000 : n);
  return Number.isNaN(date.getTime()) ? String(n) : date.toISOString();
}
