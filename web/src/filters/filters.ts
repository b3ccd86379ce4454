import type { Params } from "../api/client.ts";
import type { Segment } from "../api/types.ts";

/**
 * The global filters (date range, channels, segment) live in the URL query so a view is a
 * link: `from` and `to` are inclusive days (YYYY-MM-DD), `channel` repeats, `segment` is the
 * API's segment AST as JSON. Every analysis call gets them via `filterParams`.
 */
export interface Filters {
  from?: string;
  to?: string;
  channels: string[];
  segment?: string;
}

export const FILTER_KEYS = ["from", "to", "channel", "segment"] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readFilters(query: URLSearchParams): Filters {
  const day = (key: string) => {
    const value = query.get(key) ?? undefined;
    return value && DAY.test(value) ? value : undefined;
  };
  return {
    from: day("from"),
    to: day("to"),
    channels: query.getAll("channel").filter(Boolean),
    segment: query.get("segment") || undefined,
  };
}

/** The day after `day` (the API's `to` is exclusive; the filter's is inclusive). */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export function filterParams(filters: Filters): Params {
  return {
    from: filters.from,
    to: filters.to ? nextDay(filters.to) : undefined,
    channel: filters.channels.length > 0 ? filters.channels : undefined,
    segment: filters.segment,
  };
}

/** The global part of the current query, to carry across pages. */
export function globalQuery(query: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const key of FILTER_KEYS) for (const value of query.getAll(key)) kept.append(key, value);
  const text = kept.toString();
  return text ? `?${text}` : "";
}

/** A simple trait condition `{trait, value}` as the filter bar edits it, or null for other ASTs. */
export function simpleTrait(segment: string | undefined): { trait: string; value: string } | null {
  if (!segment) return null;
  try {
    const parsed = JSON.parse(segment) as Segment;
    if (
      "trait" in parsed &&
      (parsed.op ?? "eq") === "eq" &&
      ["string", "number", "boolean"].includes(typeof parsed.value)
    )
      return { trait: parsed.trait, value: String(parsed.value) };
  } catch {
    // Not JSON: the API names the problem when the page asks.
  }
  return null;
}

export function traitSegment(trait: string, value: string): string | undefined {
  if (!trait.trim() || !value.trim()) return undefined;
  return JSON.stringify({ trait: trait.trim(), value: value.trim() });
}

/** `YYYY-MM-DD` of a day `days` before today (local calendar), for the presets. */
export function daysAgo(days: number, today = new Date()): string {
  const date = new Date(today.getFullYear(), today.getMonth(), today.getDate() - days);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
