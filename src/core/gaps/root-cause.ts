import { compareText } from "../journeys/journey-log.ts";
import { benjaminiHochberg } from "../stats/multiple-testing.ts";
import { twoProportionTest } from "../stats/proportions.ts";
import type { Dimension } from "./dimensions.ts";
import type { PairCounts, TaskAggregates } from "./task-aggregates.ts";

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

interface Tested {
  order: number;
  worse: boolean;
  hits: number;
  cause: RootCause;
}

/**
 * The root-cause drill-down of a completion or failure gap: for each dimension and value, a
 * two-proportion test of the value against the rest of the channel; the values significantly
 * worse than the rest (BH-adjusted q < alpha) ranked by the share of the gap they explain.
 * The first is the root cause. A later one is kept only if it is still significantly worse
 * on the attempts without the first cause's value (BH over those tests): a dimension that is
 * worse only because its values hold more of the first cause's attempts (the OS of a faulty
 * app version) is not a second cause.
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
  const tested: Tested[] = aggregates.dimensions
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
          hits: hits(row),
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
  const [first, ...later] = tested
    .map((t, i) => ({ ...t, cause: { ...t.cause, qValue: q[i] as number } }))
    .filter((t) => t.worse && t.cause.qValue < options.alpha)
    .sort(
      (a, b) =>
        b.cause.explainedShare - a.cause.explainedShare ||
        a.cause.qValue - b.cause.qValue ||
        a.order - b.order ||
        compareText(a.cause.value ?? "\u{10FFFF}", b.cause.value ?? "\u{10FFFF}"),
    );
  if (!first) return [];
  const without = {
    attempts: total.attempts - first.cause.attempts,
    hits: hits(total) - first.hits,
  };
  const pairs = aggregates.pairs.filter((p) => p.task === task && p.channel === channel);
  const conditional = later.map((t) => {
    // Another value of the first cause's dimension has none of its attempts.
    const value =
      t.order === first.order
        ? { attempts: t.cause.attempts, hits: t.hits }
        : valueWithout(pairs, first, t, hits);
    const rest = { attempts: without.attempts - value.attempts, hits: without.hits - value.hits };
    if (value.attempts === 0 || rest.attempts === 0) return { t, worse: false, pValue: 1 };
    const rate = value.hits / value.attempts;
    const restRate = rest.hits / rest.attempts;
    const test = twoProportionTest(value.hits, value.attempts, rest.hits, rest.attempts);
    return { t, worse: metric === "completion" ? rate < restRate : rate > restRate, ...test };
  });
  const conditionalQ = benjaminiHochberg(conditional.map((c) => c.pValue));
  const kept = conditional.filter((c, i) => c.worse && (conditionalQ[i] as number) < options.alpha);
  return [first, ...kept.map((c) => c.t)].slice(0, options.limit).map((t) => t.cause);
}

/** Attempts and hits of `cause`'s value among the attempts without `first`'s value. */
function valueWithout(
  pairs: readonly PairCounts[],
  first: Tested,
  cause: Tested,
  hits: (row: { completed: number; failed: number }) => number,
): { attempts: number; hits: number } {
  const swapped = cause.order < first.order;
  const sum = { attempts: 0, hits: 0 };
  for (const p of pairs) {
    const [a, b] = swapped ? [p.second, p.first] : [p.first, p.second];
    const [av, bv] = swapped ? [p.secondValue, p.firstValue] : [p.firstValue, p.secondValue];
    if (a !== first.order || b !== cause.order) continue;
    if (av === first.cause.value || bv !== cause.cause.value) continue;
    sum.attempts += p.attempts;
    sum.hits += hits(p);
  }
  return sum;
}
