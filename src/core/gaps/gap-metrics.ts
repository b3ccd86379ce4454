import { compareText } from "../journeys/journey-log.ts";
import { chiSquareHomogeneity, kruskalWallis, type OmnibusResult } from "../stats/homogeneity.ts";
import { twoProportionTest } from "../stats/proportions.ts";
import { mannWhitneyU } from "../stats/rank-tests.ts";
import type { ContentChannelCounts, GapOptions } from "./gap-analysis.ts";
import type { GapMetric } from "./gaps-config.ts";
import type { TaskAggregates } from "./task-aggregates.ts";
import type { TaskDefinition } from "./task-spec.ts";
import { countedPercentile } from "./tasks-result.ts";

/** One channel of a metric compared with the metric's best channel. */
export interface ComparedChannel {
  channel: string;
  value: number;
  n: number;
  gap: number;
  relativeGap: number;
  statistic: number;
  pValue: number;
  affectedProfiles: number;
}

export interface ComparedMetric {
  metric: GapMetric;
  test: "two-proportion" | "mann-whitney";
  omnibus: OmnibusResult & { test: "chi-square" | "kruskal-wallis" };
  best: { channel: string; value: number; n: number };
  channels: ComparedChannel[];
}
export type MetricComparison = ComparedMetric;

/** A channel's sample on one metric: a proportion (x of n) or a list of values. */
interface Sample {
  channel: string;
  value: number;
  n: number;
  x?: number;
  values?: number[];
  profiles: number;
}

/** Picks the best sample; ties go to the larger sample, then the channel name. */
function bestOf(samples: readonly Sample[], higherIsBetter: boolean): Sample {
  return [...samples].sort(
    (a, b) =>
      (higherIsBetter ? b.value - a.value : a.value - b.value) ||
      b.n - a.n ||
      compareText(a.channel, b.channel),
  )[0] as Sample;
}

function compareRates(metric: GapMetric, samples: Sample[], higherIsBetter: boolean) {
  const best = bestOf(samples, higherIsBetter);
  const omnibus = chiSquareHomogeneity(samples.map((s) => ({ successes: s.x ?? 0, n: s.n })));
  return {
    metric,
    test: "two-proportion" as const,
    omnibus: { ...omnibus, test: "chi-square" as const },
    best: { channel: best.channel, value: best.value, n: best.n },
    channels: samples
      .filter((s) => s !== best)
      .map((s) => {
        const test = twoProportionTest(s.x ?? 0, s.n, best.x ?? 0, best.n);
        const gap = higherIsBetter ? best.value - s.value : s.value - best.value;
        return {
          channel: s.channel,
          value: s.value,
          n: s.n,
          gap,
          relativeGap: gap,
          statistic: test.z,
          pValue: test.pValue,
          affectedProfiles: s.profiles,
        };
      }),
  };
}

function compareDistributions(
  metric: GapMetric,
  samples: Sample[],
  higherIsBetter: boolean,
  relative: (gap: number, value: number) => number,
) {
  const best = bestOf(samples, higherIsBetter);
  const omnibus = kruskalWallis(samples.map((s) => s.values ?? []));
  return {
    metric,
    test: "mann-whitney" as const,
    omnibus: { ...omnibus, test: "kruskal-wallis" as const },
    best: { channel: best.channel, value: best.value, n: best.n },
    channels: samples
      .filter((s) => s !== best)
      .map((s) => {
        const test = mannWhitneyU(s.values ?? [], best.values ?? []);
        const gap = higherIsBetter ? best.value - s.value : s.value - best.value;
        return {
          channel: s.channel,
          value: s.value,
          n: s.n,
          gap,
          relativeGap: relative(gap, s.value),
          statistic: test.z,
          pValue: test.pValue,
          affectedProfiles: s.profiles,
        };
      }),
  };
}

const expand = (rows: readonly { value: number; count: number }[]) =>
  rows.flatMap((r) => Array<number>(r.count).fill(r.value));

/**
 * The comparisons of one task (or, with `task` undefined, of content findings per channel).
 * A channel takes part in a metric when it has `minSample` observations of it.
 */
export function compareTaskMetrics(
  task: TaskDefinition | undefined,
  aggregates: TaskAggregates,
  options: GapOptions,
  content?: readonly ContentChannelCounts[],
): ComparedMetric[] {
  const enough = (samples: Sample[]) => samples.filter((s) => s.n >= options.minSample);
  const out: ComparedMetric[] = [];
  const push = (samples: Sample[], compare: (s: Sample[]) => ComparedMetric) => {
    if (samples.length >= 2) out.push(compare(samples));
  };
  if (!task) {
    const samples = (content ?? [])
      .filter((c) => c.items > 0)
      .map((c) => ({ ...c, value: c.flagged / c.items, n: c.items, x: c.flagged }));
    push(samples, (s) => compareRates("content", s, false));
    return out;
  }
  const counts = aggregates.channels.filter((c) => c.task === task.name);
  const profilesOf = (channel: string) => counts.find((c) => c.channel === channel)?.profiles ?? 0;
  const rate = (x: (c: (typeof counts)[number]) => number) =>
    enough(
      counts.map((c) => ({
        channel: c.channel,
        value: c.attempts > 0 ? x(c) / c.attempts : 0,
        n: c.attempts,
        x: x(c),
        profiles: c.profiles,
      })),
    );
  push(
    rate((c) => c.completed),
    (s) => compareRates("completion", s, true),
  );
  push(
    rate((c) => c.failed),
    (s) => compareRates("failure", s, false),
  );

  const byChannel = <T extends { task: string; channel: string }>(rows: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      if (row.task === task.name) map.set(row.channel, [...(map.get(row.channel) ?? []), row]);
    }
    return map;
  };
  const times = enough(
    [...byChannel(aggregates.durations)].map(([channel, rows]) => {
      const values = expand(rows.map((r) => ({ value: r.ms, count: r.count })));
      return {
        channel,
        value: countedPercentile(rows, 0.5) ?? 0,
        n: values.length,
        values,
        profiles: profilesOf(channel),
      };
    }),
  );
  push(times, (s) =>
    compareDistributions("time", s, false, (gap, value) => (value > 0 ? gap / value : 0)),
  );
  for (const survey of ["csat", "ces"] as const) {
    const [low, high] = options.scales[survey];
    const scores = enough(
      [...byChannel(aggregates.scores.filter((s) => s.survey === survey))].map(
        ([channel, rows]) => {
          const values = expand(rows.map((r) => ({ value: r.score, count: r.count })));
          return {
            channel,
            value: values.reduce((a, b) => a + b, 0) / values.length,
            n: values.length,
            values,
            profiles: profilesOf(channel),
          };
        },
      ),
    );
    push(scores, (s) => compareDistributions(survey, s, true, (gap) => gap / (high - low)));
  }
  return out;
}
