import { compareText } from "../journeys/journey-log.ts";
import type { OmnibusResult } from "../stats/homogeneity.ts";
import { benjaminiHochberg } from "../stats/multiple-testing.ts";
import { type ComparedMetric, compareTaskMetrics, type MetricComparison } from "./gap-metrics.ts";
import { gapSummary } from "./gap-summary.ts";
import type { Dimension, GapMetric, GapsConfig } from "./gaps-config.ts";
import { type RootCause, rootCauses } from "./root-cause.ts";
import type { TaskAggregates } from "./task-aggregates.ts";
import type { TaskDefinition } from "./task-spec.ts";

/**
 * Gap analysis (docs/channel-consistency.md): for each task and metric, every channel against
 * the best channel on that metric, with a significance test, a type, an impact-based priority
 * and, for completion and failure gaps, the dimension values that explain the gap.
 */

export const GAP_TYPES = ["usability", "service", "satisfaction", "content"] as const;
export type GapType = (typeof GAP_TYPES)[number];
export type Priority = "high" | "medium" | "low" | "none";

export interface Gap {
  rank: number;
  /** null for content gaps (they are about a channel, not a task). */
  task: string | null;
  channel: string;
  metric: GapMetric;
  type: GapType;
  bestChannel: string;
  /** The channel's value and the best channel's: a rate, milliseconds or a mean score. */
  value: number;
  bestValue: number;
  /** How much worse the channel is, in the metric's unit (≥ 0 unless tied). */
  gap: number;
  /** The gap on a 0–1 scale: rate points, excess share of time, share of the survey scale. */
  relativeGap: number;
  test: "two-proportion" | "mann-whitney";
  statistic: number;
  pValue: number;
  /** Benjamini–Hochberg adjusted over every comparison of the analysis. */
  qValue: number;
  /**
   * The omnibus test over all compared channels of the metric (chi-square / Kruskal–Wallis),
   * with its q-value over every task and metric: a gap is significant only when both this
   * q-value and the pairwise one are below alpha.
   */
  omnibus: OmnibusResult & { test: "chi-square" | "kruskal-wallis"; qValue: number };
  significant: boolean;
  n: number;
  bestN: number;
  affectedProfiles: number;
  impact: number;
  priority: Priority;
  rootCauses: RootCause[];
  summary: string;
}

export interface GapOptions extends Omit<GapsConfig, "dimensions"> {
  dimensions: readonly Dimension[];
}

/** Per-channel content findings, when content items were audited. */
export interface ContentChannelCounts {
  channel: string;
  /** Items expected on the channel (every item key of the audit). */
  items: number;
  /** Items missing on the channel, or present with a conflicting fact or a stale version. */
  flagged: number;
  /** Profiles active on the channel in the period: the customers a content gap affects. */
  profiles: number;
}

function typeOf(metric: GapMetric, task: TaskDefinition | undefined): GapType {
  if (metric === "csat" || metric === "ces") return "satisfaction";
  if (metric === "content") return "content";
  return task?.kind === "service" ? "service" : "usability";
}

const METRIC_ORDER = ["completion", "failure", "time", "csat", "ces", "content"];

/** Gaps of every task (and of content, when given), significant ones first by impact. */
export function analyseGaps(
  tasks: readonly TaskDefinition[],
  aggregates: TaskAggregates,
  options: GapOptions,
  content?: readonly ContentChannelCounts[],
): Gap[] {
  const compared: { task?: TaskDefinition; comparison: MetricComparison }[] = [];
  for (const task of tasks) {
    for (const comparison of compareTaskMetrics(task, aggregates, options)) {
      compared.push({ task, comparison });
    }
  }
  if (content) {
    for (const comparison of compareTaskMetrics(undefined, aggregates, options, content)) {
      compared.push({ comparison });
    }
  }
  const rows = compared.flatMap(({ task, comparison }) =>
    comparison.channels.map((channel) => ({ task, comparison, channel })),
  );
  // The omnibus tests are BH-adjusted across tasks and metrics too: with no gap anywhere, the
  // chance of reporting one stays near alpha however many metrics are compared.
  const omnibusQ = benjaminiHochberg(compared.map((c) => c.comparison.omnibus.pValue));
  const gate = new Map(compared.map((c, i) => [c.comparison, omnibusQ[i] as number]));
  const q = benjaminiHochberg(rows.map((r) => r.channel.pValue));
  const gaps = rows.map(({ task, comparison, channel }, i): Gap => {
    const qValue = q[i] as number;
    const omnibusQValue = gate.get(comparison) ?? 1;
    const significant = omnibusQValue < options.alpha && qValue < options.alpha && channel.gap > 0;
    const weight = options.weights[comparison.metric];
    const impact =
      channel.affectedProfiles * Math.max(0, channel.relativeGap) * weight * (task?.value ?? 1);
    const causes =
      significant && task && (comparison.metric === "completion" || comparison.metric === "failure")
        ? rootCauses({
            task: task.name,
            channel: channel.channel,
            metric: comparison.metric,
            bestRate: comparison.best.value,
            aggregates,
            dimensions: options.dimensions,
            alpha: options.alpha,
            limit: options.rootCauses,
          })
        : [];
    return {
      rank: 0,
      task: task?.name ?? null,
      channel: channel.channel,
      metric: comparison.metric,
      type: typeOf(comparison.metric, task),
      bestChannel: comparison.best.channel,
      value: channel.value,
      bestValue: comparison.best.value,
      gap: channel.gap,
      relativeGap: channel.relativeGap,
      test: comparison.test,
      statistic: channel.statistic,
      pValue: channel.pValue,
      qValue,
      omnibus: { ...comparison.omnibus, qValue: omnibusQValue },
      significant,
      n: channel.n,
      bestN: comparison.best.n,
      affectedProfiles: channel.affectedProfiles,
      impact,
      priority: "none",
      rootCauses: causes,
      summary: "",
    };
  });
  return rankGaps(gaps, tasks);
}

function rankGaps(gaps: Gap[], tasks: readonly TaskDefinition[]): Gap[] {
  gaps.sort(
    (a, b) =>
      Number(b.significant) - Number(a.significant) ||
      b.impact - a.impact ||
      compareText(a.task ?? "", b.task ?? "") ||
      compareText(a.channel, b.channel) ||
      METRIC_ORDER.indexOf(a.metric) - METRIC_ORDER.indexOf(b.metric),
  );
  const top = Math.max(0, ...gaps.filter((g) => g.significant).map((g) => g.impact));
  return gaps.map((gap, index) => {
    const priority: Priority = !gap.significant
      ? "none"
      : gap.impact >= 0.5 * top
        ? "high"
        : gap.impact >= 0.1 * top
          ? "medium"
          : "low";
    const ranked = { ...gap, rank: index + 1, priority };
    return {
      ...ranked,
      summary: gapSummary(
        ranked,
        tasks.find((t) => t.name === gap.task),
      ),
    };
  });
}

export type { ComparedMetric, RootCause };
