import { type AuditResult, auditResult } from "../core/gaps/audit-result.ts";
import type { BrandVoiceConfig, ContentAuditConfig } from "../core/gaps/brand-voice-config.ts";
import { auditContent, contentChannelCounts } from "../core/gaps/content-audit.ts";
import { parseContentItems } from "../core/gaps/content-items.ts";
import { type ContinuityResult, continuityResult } from "../core/gaps/continuity-result.ts";
import { analyseGaps, type ContentChannelCounts, type Gap } from "../core/gaps/gap-analysis.ts";
import type { ContinuityConfig, GapsConfig } from "../core/gaps/gaps-config.ts";
import {
  type AuditSpec,
  type ContinuitySpec,
  type GapsSpec,
  resolveTasks,
  type TasksSpec,
} from "../core/gaps/specs.ts";
import type { TaskDefinition } from "../core/gaps/task-spec.ts";
import { type TaskMetrics, type TasksResult, tasksResult } from "../core/gaps/tasks-result.ts";
import type { JourneyFilters } from "../core/journeys/specs.ts";
import { journeyEventsCte } from "../journeys/journey-events.ts";
import { SqlParams } from "../journeys/sql-params.ts";
import type { EventStore } from "../store/event-store.ts";
import { num } from "../store/sql-dialect.ts";
import { getContinuityAggregates } from "./continuity.ts";
import { getFeedbackTexts, withSentiment } from "./sentiment.ts";
import { getTaskAggregates } from "./task-aggregates.ts";

/** The config sections the channel-consistency analyses read. */
export interface ChannelSettings {
  tasks: TaskDefinition[];
  gaps: GapsConfig;
  continuity: ContinuityConfig;
  brandVoice: BrandVoiceConfig;
  contentAudit: ContentAuditConfig;
}

/** Tasks per channel: volume, completion, failures, time to complete, CSAT, CES, sentiment. */
export async function getTasks(
  store: EventStore,
  spec: TasksSpec,
  settings: ChannelSettings,
): Promise<TasksResult> {
  const tasks = resolveTasks(spec.tasks, settings.tasks);
  const [aggregates, texts] = await Promise.all([
    getTaskAggregates(store, { filters: spec, tasks, dimensions: [] }),
    getFeedbackTexts(store, spec, tasks),
  ]);
  return withSentiment(tasksResult(tasks, aggregates), texts);
}

export interface GapsResult {
  alpha: number;
  minSample: number;
  gaps: Gap[];
  tasks: TaskMetrics[];
  /** Per-channel content findings, when content items were given. */
  content: ContentChannelCounts[] | null;
}

/** Profiles with a journey event per channel (the customers a content gap affects). */
async function channelProfiles(store: EventStore, filters: JourneyFilters) {
  const params = new SqlParams();
  const sql = `WITH ${journeyEventsCte(store.dialect, filters, params)}
    SELECT channel, count(DISTINCT profile_id) AS profiles FROM journey_events GROUP BY channel`;
  const rows = await store.query(sql, params.values);
  return new Map(rows.map((r) => [String(r.channel), num(r.profiles)]));
}

/** Channel gaps of every task against its best channel, with root causes. */
export async function getGaps(
  store: EventStore,
  spec: GapsSpec,
  settings: ChannelSettings,
): Promise<GapsResult> {
  const tasks = resolveTasks(spec.tasks, settings.tasks);
  const dimensions = spec.dimensions ?? settings.gaps.dimensions;
  const options = {
    ...settings.gaps,
    alpha: spec.alpha ?? settings.gaps.alpha,
    minSample: spec.minSample ?? settings.gaps.minSample,
    rootCauses: spec.rootCauses ?? settings.gaps.rootCauses,
    dimensions,
  };
  // Independent reads, each on a connection of its own: they overlap.
  const [aggregates, texts] = await Promise.all([
    getTaskAggregates(store, { filters: spec, tasks, dimensions }),
    getFeedbackTexts(store, spec, tasks),
  ]);
  let content: ContentChannelCounts[] | null = null;
  if (spec.content) {
    const audit = auditContent(parseContentItems(spec.content), {
      channels: settings.contentAudit.channels,
      staleAfterDays: settings.contentAudit.staleAfterDays,
      copyFields: settings.contentAudit.copyFields,
    });
    const profiles = await channelProfiles(store, spec);
    content = contentChannelCounts(audit).map((c) => ({
      ...c,
      profiles: profiles.get(c.channel) ?? 0,
    }));
  }
  const metrics = withSentiment(tasksResult(tasks, aggregates), texts);
  return {
    alpha: options.alpha,
    minSample: options.minSample,
    gaps: analyseGaps(tasks, aggregates, options, content ?? undefined),
    tasks: metrics.tasks,
    content,
  };
}

/** Channel switches, switches during tasks, restarts on the new channel (context lost). */
export async function getContinuity(
  store: EventStore,
  spec: ContinuitySpec,
  settings: ChannelSettings,
): Promise<ContinuityResult> {
  const tasks = resolveTasks(spec.tasks, settings.tasks);
  const windowMinutes = spec.windowMinutes ?? settings.continuity.windowMinutes;
  const ignoreChannels = spec.ignoreChannels ?? settings.continuity.ignoreChannels;
  const aggregates = await getContinuityAggregates(store, {
    filters: spec,
    tasks,
    windowMs: Math.round(windowMinutes * 60_000),
    ignoreChannels,
  });
  return continuityResult(aggregates, { tasks, windowMinutes, ignoreChannels, top: spec.top });
}

/** Content consistency and brand voice of items (no store needed). */
export function runAudit(spec: AuditSpec, settings: ChannelSettings): AuditResult {
  return auditResult(parseContentItems(spec.items), {
    brandVoice: settings.brandVoice,
    content: settings.contentAudit,
    channels: spec.channels,
  });
}
