import { compareText } from "./journey-log.ts";
import type { Breakdown, FunnelSpec } from "./specs.ts";

/**
 * Funnel results, shaped from per-bucket counts and timings. The SQL use-case and the
 * reference both produce `FunnelCounts`; `funnelResult` turns them into what the API returns.
 */
export interface FunnelCounts {
  /** Profiles that reached each step (index 0 = step 1). */
  profiles: number[];
  /** Median / p90 milliseconds from the previous step (null for step 1 or when nobody reached it). */
  medianMs: (number | null)[];
  p90Ms: (number | null)[];
}

export interface FunnelBucket extends FunnelCounts {
  /** The breakdown value (text); null when the profile has none. */
  value: string | null;
  /** True for the bucket that gathers every value beyond `breakdownLimit`. */
  other: boolean;
}

export interface FunnelWeek {
  /** Monday 00:00 UTC of the week of the profiles' first step-1 event (ms). */
  week: number;
  entered: number;
  converted: number;
}

export interface FunnelStepResult {
  step: number;
  label: string;
  event: string;
  profiles: number;
  conversionFromPrevious: number | null;
  conversionFromStart: number | null;
  dropOff: number;
  dropOffRate: number | null;
  medianMsFromPrevious: number | null;
  p90MsFromPrevious: number | null;
}

export interface FunnelResult {
  mode: FunnelSpec["mode"];
  windowMs: number;
  entered: number;
  converted: number;
  overallConversion: number | null;
  steps: FunnelStepResult[];
  breakdown?: {
    by: Breakdown["by"];
    key?: string;
    groups: {
      value: string | null;
      other: boolean;
      entered: number;
      converted: number;
      overallConversion: number | null;
      steps: FunnelStepResult[];
    }[];
  };
  overTime: { week: string; entered: number; converted: number; conversion: number | null }[];
}

/** Largest first; the bucket of values beyond the limit last; ties by value, null last. */
export function compareBuckets(a: FunnelBucket, b: FunnelBucket): number {
  if (a.other !== b.other) return a.other ? 1 : -1;
  const size = (b.profiles[0] ?? 0) - (a.profiles[0] ?? 0);
  if (size !== 0) return size;
  if (a.value === null || b.value === null)
    return a.value === null ? (b.value === null ? 0 : 1) : -1;
  return compareText(a.value, b.value);
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const roundMs = (v: number | null) => (v === null ? null : Math.round(v));

function stepResults(spec: Pick<FunnelSpec, "steps">, counts: FunnelCounts): FunnelStepResult[] {
  const first = counts.profiles[0] ?? 0;
  return spec.steps.map((step, i) => {
    const profiles = counts.profiles[i] ?? 0;
    const previous = i === 0 ? profiles : (counts.profiles[i - 1] ?? 0);
    return {
      step: i + 1,
      label: step.label,
      event: step.event,
      profiles,
      conversionFromPrevious: i === 0 ? null : ratio(profiles, previous),
      conversionFromStart: ratio(profiles, first),
      dropOff: previous - profiles,
      dropOffRate: i === 0 ? null : ratio(previous - profiles, previous),
      medianMsFromPrevious: roundMs(counts.medianMs[i] ?? null),
      p90MsFromPrevious: roundMs(counts.p90Ms[i] ?? null),
    };
  });
}

const totals = (counts: FunnelCounts) => {
  const entered = counts.profiles[0] ?? 0;
  const converted = counts.profiles[counts.profiles.length - 1] ?? 0;
  return { entered, converted, overallConversion: ratio(converted, entered) };
};

export function funnelResult(
  spec: FunnelSpec,
  total: FunnelCounts,
  weeks: FunnelWeek[],
  buckets?: FunnelBucket[],
): FunnelResult {
  const breakdown = spec.breakdown;
  return {
    mode: spec.mode,
    windowMs: spec.window,
    ...totals(total),
    steps: stepResults(spec, total),
    ...(breakdown && buckets
      ? {
          breakdown: {
            by: breakdown.by,
            ...("key" in breakdown ? { key: breakdown.key } : {}),
            groups: [...buckets].sort(compareBuckets).map((bucket) => ({
              value: bucket.value,
              other: bucket.other,
              ...totals(bucket),
              steps: stepResults(spec, bucket),
            })),
          },
        }
      : {}),
    overTime: [...weeks]
      .sort((a, b) => a.week - b.week)
      .map((w) => ({
        week: new Date(w.week).toISOString(),
        entered: w.entered,
        converted: w.converted,
        conversion: ratio(w.converted, w.entered),
      })),
  };
}
