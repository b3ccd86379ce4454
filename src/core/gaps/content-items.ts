import { AppError } from "../app-error.ts";
import { canonicalChannel } from "../channel.ts";
import { detectLanguage } from "../text/language.ts";

/**
 * Content items for the consistency audit and the brand-voice check: one row per item per
 * channel (and language), from CSV or JSON. Reserved columns (any of the spellings):
 * `key` (item, item_key, id), `channel`, `language` (lang, locale), `type` (message_type),
 * `updated_at` (updatedAt, last_updated), `version`. Every other column is a field.
 */
export interface ContentItem {
  /** Position in the input (0-based), for messages. */
  row: number;
  key: string;
  channel: string;
  /** Primary language subtag (`zh`, `en`), given or detected from the text; null if unknown. */
  language: string | null;
  /** Message type (promotion, rate_offer, transactional, …), for disclaimer rules. */
  type: string | null;
  updatedAt: number | null;
  version: string | null;
  fields: Record<string, string>;
}

const COLUMNS: Record<string, string[]> = {
  key: ["key", "item", "item_key", "itemkey", "id"],
  channel: ["channel"],
  language: ["language", "lang", "locale"],
  type: ["type", "message_type", "messagetype", "content_type"],
  updatedAt: ["updated_at", "updatedat", "last_updated", "modified"],
  version: ["version"],
};
const RESERVED = new Map(
  Object.entries(COLUMNS).flatMap(([name, aliases]) => aliases.map((a) => [a, name] as const)),
);

function scalarText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

const bad = (field: string, reason: string) =>
  new AppError("invalid_request", `${field}: ${reason}`, field);

/** Validates and normalises raw rows; the error names the row and column (`items.3.channel`). */
export function parseContentItems(raw: readonly Record<string, unknown>[]): ContentItem[] {
  return raw.map((record, row) => {
    const reserved: Record<string, string | null> = {};
    const fields: Record<string, string> = {};
    for (const [column, value] of Object.entries(record)) {
      const name = RESERVED.get(column.trim().toLowerCase());
      const text = scalarText(value);
      if (name) {
        if (reserved[name] === undefined || reserved[name] === null) reserved[name] = text;
      } else if (text !== null) fields[column.trim()] = text;
    }
    const at = (name: string) => `items.${row}.${name}`;
    if (!reserved.key) throw bad(at("key"), "every item needs a key");
    if (!reserved.channel) throw bad(at("channel"), "every item needs a channel");
    let updatedAt: number | null = null;
    if (reserved.updatedAt) {
      updatedAt = Date.parse(reserved.updatedAt);
      if (!/^\d{4}-\d{2}-\d{2}/.test(reserved.updatedAt) || Number.isNaN(updatedAt))
        throw bad(at("updated_at"), `"${reserved.updatedAt}" is not an ISO-8601 date`);
    }
    const given = reserved.language?.toLowerCase().split(/[-_]/)[0] ?? null;
    const detected = detectLanguage(Object.values(fields).join("\n"));
    return {
      row,
      key: reserved.key,
      channel: canonicalChannel(reserved.channel) ?? reserved.channel.toLowerCase(),
      language: given ?? (detected === "zh" || detected === "en" ? detected : null),
      type: reserved.type?.toLowerCase() ?? null,
      updatedAt,
      version: reserved.version ?? null,
      fields,
    };
  });
}

/** Orders versions with numbers compared as numbers ("1.10" after "1.9"). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/(\d+)/).filter((p) => p !== "");
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string;
    const q = y[i] as string;
    const numeric = /^\d+$/.test(p) && /^\d+$/.test(q);
    const order = numeric ? Number(p) - Number(q) : p < q ? -1 : p > q ? 1 : 0;
    if (order !== 0) return order;
  }
  return x.length - y.length;
}
