import { compareText } from "../journeys/journey-log.ts";
import { benjaminiHochberg } from "../stats/multiple-testing.ts";
import { twoProportionTest } from "../stats/proportions.ts";
import type { Dimension } from "./dimensions.ts";
import type { TaskAggregates } from "./task-aggregates.ts";

/**
 * A dimension value that explains part of a channel's gap: its attempts on the gap channel
 * against the rest of that channel's attempts.
 */
export interface RootCause {
  dimension: string;
  label: string;
  /** How the rest is named ("other versions"). */
  others: string;
  /** null: attempts without a value for the dimension. */
  value: string | null;
  attempts: number;
  profiles: number;
  /** Completion (or failure) rate of the value's attempts and of the rest of the channel. */
  rate: number;
  restAttempts: number;
  restRate: number;
  pValue: number;
  /** Benjamini–Hochberg over every value of every dimension of this gap. */
  qValue: number;
  /**
   * Share of the channel's gap that goes away if the value's attempts did as well as the rest
   * of the channel: (rest rate − channel rate) / (best rate − channel rate). Above 1 when the
   * rest of the channel beats the best channel.
   */
  explainedShare: number;
}

/**
 * The root-cause drill-down of a completion or failure gap: for each dimension and value, a
 * two-proportion test of the value against the rest of the channel; the values significantly
 * worse than the rest (BH-adjusted q < alpha) ranked by the share of the gap they explain.
 */
export function rootCauses(options: {
  task: string;
  channel: string;
  metric: "completion" | "failure";
  bestRate: number;
  aggregates: TaskAggregates;
  dimensions: readonly Dimension[];
  alpha: number;
  limit: number;
}): RootCause[] {
  const { task, channel, metric, aggregates } = options;
  const total = aggregates.channels.find((c) => c.task === task && c.channel === channel);
  if (!total || total.attempts === 0 || options.limit === 0) return [];
  const hits = (row: { completed: number; failed: number }) =>
    metric === "completion" ? row.completed : row.failed;
  const channelRate = hits(total) / total.attempts;
  const gap =
    metric === "completion" ? options.bestRate - channelRate : channelRate - options.bestRate;
  if (!(gap > 0)) return [];
  const tested = aggregates.dimensions
    .filter((d) => d.task === task && d.channel === channel)
    .flatMap((row) => {
      const dimension = options.dimensions[row.dimension];
      const restAttempts = total.attempts - row.attempts;
      if (!dimension || row.attempts === 0 || restAttempts === 0) return [];
      const restHits = hits(total) - hits(row);
      const test = twoProportionTest(hits(row), row.attempts, restHits, restAttempts);
      const rate = hits(row) / row.attempts;
      const restRate = restHits / restAttempts;
      const worse = metric === "completion" ? rate < restRate : rate > restRate;
      const explained = metric === "completion" ? restRate - channelRate : channelRate - restRate;
      return [
        {
          order: row.dimension,
          worse,
          cause: {
            dimension: dimension.key,
            label: dimension.label,
            others: dimension.others,
            value: row.value,
            attempts: row.attempts,
            profiles: row.profiles,
            rate,
            restAttempts,
            restRate,
            pValue: test.pValue,
            qValue: 1,
            explainedShare: explained / gap,
          },
        },
      ];
    });
  const q = benjaminiHochberg(tested.map((t) => t.cause.pValue));
  return tested
    .map((t, i) => ({ ...t, cause: { ...t.cause, qValue: q[i] as number } }))
    .filter((t) => t.worse && t.cause.qValue < options.alpha)
    .sort(
      (a, b) =>
        b.cause.explainedShare - a.cause.explainedShare ||
        a.cause.qValue - b.cause.qValue ||
        a.order - b.order ||
        compareText(a.cause.value ?? "\u{10FFFF}", b.cause.value ?? "\u{10FFFF}"),
    )
    .slice(0, options.limit)
    .map((t) => t.cause);
}
