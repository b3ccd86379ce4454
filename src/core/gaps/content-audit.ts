import { compareText } from "../journeys/journey-log.ts";
import { type ContentItem, compareVersions } from "./content-items.ts";
import { type FactValue, factValue, sameFact } from "./fact-value.ts";

/**
 * Content consistency across channels (docs/channel-consistency.md): conflicting facts of one
 * item, items missing on a channel, and stale versions. Numeric facts (prices, rates) are
 * compared across languages; text facts only between rows of the same language.
 */

export interface ConflictValue {
  channel: string;
  language: string | null;
  value: string;
  updatedAt: string | null;
}

export interface ContentConflict {
  key: string;
  field: string;
  /** null: a numeric fact compared across languages. */
  language: string | null;
  /** The value of the most recently updated row (the most common value when no dates). */
  reference: ConflictValue;
  values: ConflictValue[];
  /** Channels with a value other than the reference. */
  channels: string[];
}

export interface MissingItem {
  key: string;
  channel: string;
  /** null: the item is not on the channel at all; else this language version is missing. */
  language: string | null;
}

export interface StaleItem {
  key: string;
  channel: string;
  language: string | null;
  updatedAt: string | null;
  version: string | null;
  latest: { channel: string; updatedAt: string | null; version: string | null };
  /** Facts that differ from the latest version. */
  fields: string[];
}

export interface ContentAuditOptions {
  /**
   * Channels every item should be on. Default: the channels that carry items of the item's
   * type (products on web, app and branch; promotions on sms and push), so an SMS-only
   * promotion is not "missing" on the web.
   */
  channels?: readonly string[];
  /** An older row counts as stale only when at least this many days older (by updated_at). */
  staleAfterDays: number;
  /** Channel-specific copy (message text, descriptions): not compared across channels. */
  copyFields: readonly string[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const conflictValue = (item: ContentItem, field: string): ConflictValue => ({
  channel: item.channel,
  language: item.language,
  value: item.fields[field] as string,
  updatedAt: iso(item.updatedAt),
});

/** Newer first: by version when both have one, else by updated_at; undated last. */
function newer(a: ContentItem, b: ContentItem): number {
  if (a.version !== null && b.version !== null) {
    const order = compareVersions(b.version, a.version);
    if (order !== 0) return order;
  }
  if (a.updatedAt === b.updatedAt) return 0;
  if (a.updatedAt === null || b.updatedAt === null) return a.updatedAt === null ? 1 : -1;
  return b.updatedAt - a.updatedAt;
}

/** Fields whose values are all numbers: compared across languages. */
function numericFields(rows: readonly ContentItem[]): Set<string> {
  const names = new Set(rows.flatMap((r) => Object.keys(r.fields)));
  return new Set(
    [...names].filter((f) =>
      rows.every((r) => r.fields[f] === undefined || factValue(r.fields[f]).kind === "number"),
    ),
  );
}

function conflictsOf(
  key: string,
  rows: readonly ContentItem[],
  copyFields: ReadonlySet<string>,
): ContentConflict[] {
  const numeric = numericFields(rows);
  const out: ContentConflict[] = [];
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r.fields)))]
    .filter((f) => !copyFields.has(f))
    .sort(compareText);
  for (const field of fields) {
    const having = rows.filter((r) => r.fields[field] !== undefined);
    const groups = new Map<string | null, ContentItem[]>();
    for (const row of having) {
      const group = numeric.has(field) ? null : row.language;
      groups.set(group, [...(groups.get(group) ?? []), row]);
    }
    for (const [language, group] of groups) {
      const facts = group.map((r) => factValue(r.fields[field] as string));
      const reference = referenceIndex(group, facts);
      const refFact = facts[reference] as FactValue;
      const off = group.filter((_, i) => !sameFact(facts[i] as FactValue, refFact));
      if (off.length === 0) continue;
      out.push({
        key,
        field,
        language,
        reference: conflictValue(group[reference] as ContentItem, field),
        values: group.map((r) => conflictValue(r, field)),
        channels: [...new Set(off.map((r) => r.channel))].sort(compareText),
      });
    }
  }
  return out;
}

/**
 * The reference row: among the newest rows (by version, else updated_at; all rows when none is
 * dated), the one whose value most rows share; the first on ties.
 */
function referenceIndex(group: readonly ContentItem[], facts: readonly FactValue[]): number {
  const indexes = group.map((_, i) => i);
  const dated = indexes.filter((i) => group[i]?.updatedAt !== null || group[i]?.version !== null);
  const newest = [...dated].sort((a, b) =>
    newer(group[a] as ContentItem, group[b] as ContentItem),
  )[0];
  const candidates =
    newest === undefined
      ? indexes
      : dated.filter((i) => newer(group[i] as ContentItem, group[newest] as ContentItem) === 0);
  const support = (i: number) => facts.filter((f) => sameFact(f, facts[i] as FactValue)).length;
  return candidates.reduce((best, i) => (support(i) > support(best) ? i : best));
}

function staleOf(
  key: string,
  rows: readonly ContentItem[],
  options: ContentAuditOptions,
): StaleItem[] {
  const numeric = numericFields(rows);
  const dated = rows.filter((r) => r.updatedAt !== null || r.version !== null);
  const latest = [...dated].sort((a, b) => newer(a, b) || a.row - b.row)[0];
  if (!latest) return [];
  const minimumMs = options.staleAfterDays * 86_400_000;
  return dated.flatMap((row) => {
    if (row === latest) return [];
    const byVersion = row.version !== null && latest.version !== null;
    const older = byVersion
      ? compareVersions(row.version as string, latest.version as string) < 0
      : row.updatedAt !== null &&
        latest.updatedAt !== null &&
        latest.updatedAt - row.updatedAt > minimumMs;
    if (!older) return [];
    const fields = Object.keys(row.fields)
      .filter((f) => latest.fields[f] !== undefined && !options.copyFields.includes(f))
      .filter((f) => numeric.has(f) || row.language === latest.language)
      .filter(
        (f) => !sameFact(factValue(row.fields[f] as string), factValue(latest.fields[f] as string)),
      )
      .sort(compareText);
    if (fields.length === 0) return [];
    return [
      {
        key,
        channel: row.channel,
        language: row.language,
        updatedAt: iso(row.updatedAt),
        version: row.version,
        latest: {
          channel: latest.channel,
          updatedAt: iso(latest.updatedAt),
          version: latest.version,
        },
        fields,
      },
    ];
  });
}

function missingOf(key: string, rows: readonly ContentItem[], channels: readonly string[]) {
  const out: MissingItem[] = [];
  const languages = [...new Set(rows.map((r) => r.language).filter((l) => l !== null))].sort(
    compareText,
  ) as string[];
  for (const channel of channels) {
    const here = rows.filter((r) => r.channel === channel);
    if (here.length === 0) {
      out.push({ key, channel, language: null });
      continue;
    }
    for (const language of languages) {
      if (!here.some((r) => r.language === language)) out.push({ key, channel, language });
    }
  }
  return out;
}

export interface ContentAudit {
  channels: string[];
  keys: string[];
  /** The channels each item is expected on. */
  expected: { key: string; channels: string[] }[];
  conflicts: ContentConflict[];
  missing: MissingItem[];
  stale: StaleItem[];
}

export function auditContent(
  items: readonly ContentItem[],
  options: ContentAuditOptions,
): ContentAudit {
  const sorted = (list: Iterable<string>) => [...new Set(list)].sort(compareText);
  const copy = new Set(options.copyFields);
  const channels = sorted(options.channels ?? items.map((i) => i.channel));
  const byType = new Map<string | null, string[]>();
  for (const item of items) byType.set(item.type, [...(byType.get(item.type) ?? []), item.channel]);
  const byKey = new Map<string, ContentItem[]>();
  for (const item of items) byKey.set(item.key, [...(byKey.get(item.key) ?? []), item]);
  const keys = [...byKey.keys()].sort(compareText);
  const audit: ContentAudit = {
    channels,
    keys,
    conflicts: [],
    missing: [],
    stale: [],
    expected: [],
  };
  for (const key of keys) {
    const rows = byKey.get(key) ?? [];
    const expected = options.channels
      ? channels
      : sorted(rows.flatMap((r) => byType.get(r.type) ?? []));
    audit.expected.push({ key, channels: expected });
    audit.conflicts.push(...conflictsOf(key, rows, copy));
    audit.missing.push(...missingOf(key, rows, expected));
    audit.stale.push(...staleOf(key, rows, options));
  }
  return audit;
}

/** Per channel: the items expected and those missing, conflicting with the reference, or stale. */
export function contentChannelCounts(
  audit: ContentAudit,
): { channel: string; items: number; flagged: number }[] {
  return audit.channels.map((channel) => {
    const flagged = new Set([
      ...audit.missing.filter((m) => m.channel === channel).map((m) => m.key),
      ...audit.conflicts.filter((c) => c.channels.includes(channel)).map((c) => c.key),
      ...audit.stale.filter((s) => s.channel === channel).map((s) => s.key),
    ]);
    const expected = audit.expected.filter((e) => e.channels.includes(channel));
    return {
      channel,
      items: expected.length,
      flagged: expected.filter((e) => flagged.has(e.key)).length,
    };
  });
}
