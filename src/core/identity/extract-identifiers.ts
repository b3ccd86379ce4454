import type { StoredEvent } from "../stored-event.ts";
import type { Blocklist } from "./blocklist.ts";
import { identifierKey, normaliseValue } from "./identifier.ts";
import type { ExtraKey, IdentityOptions } from "./identity-options.ts";

/** An identifier value that was present on a message but not used, and why. */
export interface Rejection {
  type: string;
  reason: string;
  value: string;
}

export interface ExtractedIdentifiers {
  /** Distinct `type:value` keys, in first-seen order. */
  keys: string[];
  rejections: Rejection[];
}

const MAX_VALUE_LENGTH = 255;
type Json = Record<string, unknown>;

/** What identity reads of a message: a StoredEvent (`eventFields`), or columns picked by SQL. */
export interface IdentifierFields {
  type: StoredEvent["type"];
  userId: string | null;
  anonymousId: string | null;
  previousId: string | null;
  /** Normalised by ingestion; null when absent or invalid. */
  email: string | null;
  phone: string | null;
  /** The raw trait, to name an invalid value that ingestion dropped. */
  rawTrait(name: "email" | "phone"): unknown;
  extra(key: ExtraKey): unknown;
}

/** The identifier fields of a stored event; its JSON columns are parsed only when needed. */
export function eventFields(event: StoredEvent): IdentifierFields {
  const json = new LazyJson(event);
  return {
    type: event.type,
    userId: event.userId,
    anonymousId: event.anonymousId,
    previousId: event.previousId,
    email: event.email,
    phone: event.phone,
    rawTrait: (name) => json.traitValue([name]),
    extra: (key) => json.value(key),
  };
}

/**
 * The identifiers one stored message carries (Segment semantics): `userId`, `anonymousId`, an
 * alias's `previousId` (read as the anonymousId it replaces), email and phone from the
 * message's traits (identify) or `context.traits` (other types), and the configured extra keys.
 * Placeholders and invalid values are left out with the reason.
 */
export function extractIdentifiers(
  event: IdentifierFields,
  options: Pick<IdentityOptions, "extraKeys" | "defaultRegion">,
  blocklist: Blocklist,
): ExtractedIdentifiers {
  const keys: string[] = [];
  const rejections: Rejection[] = [];
  const add = (type: string, value: string | null | undefined) => {
    if (value === null || value === undefined || value === "") return;
    if (value.length > MAX_VALUE_LENGTH) {
      rejections.push({ type, reason: "longer than 255 characters", value: value.slice(0, 64) });
      return;
    }
    const blocked = blocklist.check(type, value);
    if (blocked) rejections.push({ type, reason: blocked, value });
    else {
      const key = identifierKey(type, value);
      if (!keys.includes(key)) keys.push(key);
    }
  };
  add("user_id", event.userId);
  add("anonymous_id", event.anonymousId);
  if (event.type === "alias") add("anonymous_id", event.previousId);

  for (const type of ["email", "phone"] as const) {
    const stored = type === "email" ? event.email : event.phone;
    if (stored !== null) add(type, stored);
    else {
      // Ingestion dropped an invalid value silently; count it here, where it matters.
      const raw = event.rawTrait(type);
      if (raw !== undefined && raw !== null && raw !== "") {
        rejections.push({ type, reason: `invalid ${type}`, value: String(raw).slice(0, 64) });
      }
    }
  }
  for (const extra of options.extraKeys) {
    const raw = event.extra(extra);
    if (raw === undefined || raw === null) continue;
    const value = normaliseValue(extra.type, raw, options);
    if (value === undefined) {
      rejections.push({ type: extra.type, reason: "not a usable value", value: "" });
    } else add(extra.type, value);
  }
  return { keys, rejections };
}

/** Parses the JSON columns only when a path needs them, and each at most once. */
class LazyJson {
  readonly #parsed = new Map<string, Json | null>();

  constructor(private readonly event: StoredEvent) {}

  value(extra: ExtraKey): unknown {
    const [root, ...rest] = extra.path;
    if (root === "traits") return this.traitValue(rest);
    if (root === "context" || root === "properties") return this.#at(root, rest);
    return undefined;
  }

  /** A trait from the message's traits, else from context.traits (identify keeps both). */
  traitValue(path: readonly string[]): unknown {
    return this.#at("traits", path) ?? this.#at("context", ["traits", ...path]);
  }

  #at(column: "traits" | "context" | "properties", path: readonly string[]): unknown {
    const text = this.event[column];
    // Most messages lack most keys: a substring test is far cheaper than a parse.
    if (path.length === 0 || !text.includes(`"${path[0]}"`)) return undefined;
    let object = this.#parsed.get(column);
    if (object === undefined) {
      object = parseObject(text);
      this.#parsed.set(column, object);
    }
    let value: unknown = object;
    for (const segment of path) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
      value = (value as Json)[segment];
    }
    return value;
  }
}

function parseObject(text: string): Json | null {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Json)
      : null;
  } catch {
    return null;
  }
}
