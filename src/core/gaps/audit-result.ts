import { compareText } from "../journeys/journey-log.ts";
import { type BrandVoiceFinding, checkBrandVoice } from "./brand-voice.ts";
import type { BrandVoiceConfig, ContentAuditConfig } from "./brand-voice-config.ts";
import {
  auditContent,
  type ContentConflict,
  contentChannelCounts,
  type MissingItem,
  type StaleItem,
} from "./content-audit.ts";
import type { ContentItem } from "./content-items.ts";

export interface AuditChannelSummary {
  channel: string;
  /** Rows (items × languages) on the channel. */
  rows: number;
  /** Item keys expected on the channel, and those with a consistency finding there. */
  items: number;
  flaggedItems: number;
  conflicts: number;
  missing: number;
  stale: number;
  brandVoice: number;
}

export interface AuditResult {
  rows: number;
  keys: number;
  channels: string[];
  languages: string[];
  summary: AuditChannelSummary[];
  /** Brand-voice findings per channel and rule. */
  brandVoiceSummary: { channel: string; rule: string; findings: number }[];
  conflicts: ContentConflict[];
  missing: MissingItem[];
  stale: StaleItem[];
  brandVoice: BrandVoiceFinding[];
}

/** Content consistency and brand voice of a set of items (`journeylens audit`, `POST /api/audit`). */
export function auditResult(
  items: readonly ContentItem[],
  options: { brandVoice: BrandVoiceConfig; content: ContentAuditConfig; channels?: string[] },
): AuditResult {
  const audit = auditContent(items, {
    channels: options.channels ?? options.content.channels,
    staleAfterDays: options.content.staleAfterDays,
    copyFields: options.content.copyFields,
  });
  const brandVoice = checkBrandVoice(items, options.brandVoice);
  const counts = contentChannelCounts(audit);
  const channels = [...new Set([...audit.channels, ...items.map((i) => i.channel)])].sort(
    compareText,
  );
  const rules = new Map<string, number>();
  for (const f of brandVoice) {
    const key = JSON.stringify([f.channel, f.rule]);
    rules.set(key, (rules.get(key) ?? 0) + 1);
  }
  return {
    rows: items.length,
    keys: audit.keys.length,
    channels,
    languages: [...new Set(items.map((i) => i.language ?? "und"))].sort(compareText),
    summary: channels.map((channel) => ({
      channel,
      rows: items.filter((i) => i.channel === channel).length,
      items: counts.find((c) => c.channel === channel)?.items ?? 0,
      flaggedItems: counts.find((c) => c.channel === channel)?.flagged ?? 0,
      conflicts: audit.conflicts.filter((c) => c.channels.includes(channel)).length,
      missing: audit.missing.filter((m) => m.channel === channel).length,
      stale: audit.stale.filter((s) => s.channel === channel).length,
      brandVoice: brandVoice.filter((f) => f.channel === channel).length,
    })),
    brandVoiceSummary: [...rules]
      .map(([key, findings]) => {
        const [channel, rule] = JSON.parse(key) as [string, string];
        return { channel, rule, findings };
      })
      .sort((a, b) => compareText(a.channel, b.channel) || compareText(a.rule, b.rule)),
    conflicts: audit.conflicts,
    missing: audit.missing,
    stale: audit.stale,
    brandVoice,
  };
}
