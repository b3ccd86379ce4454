import { matchesPattern } from "./event-pattern.ts";
import { type JourneyEvent, periodStart, periodsBetween, profileTraces } from "./journey-log.ts";
import { selectJourneyEvents } from "./journey-select.ts";
import type { RetentionSpec } from "./specs.ts";

export interface RetentionResult {
  period: RetentionSpec["period"];
  cohorts: {
    /** Start of the cohort's period (UTC). */
    cohort: string;
    profiles: number;
    /** Profiles active again in period n after the cohort's (n = 0 … periods−1); null after the data ends. */
    returned: (number | null)[];
    rates: (number | null)[];
  }[];
  active: {
    interval: RetentionSpec["activeInterval"];
    series: { period: string; profiles: number }[];
  };
}

/** Raw counts both the SQL and the reference produce. */
export interface RetentionCounts {
  /** cohort start (ms) → size */
  cohorts: Map<number, number>;
  /** `${cohort}:${n}` → profiles returned in period n */
  returned: Map<string, number>;
  /** period start (ms) → active profiles */
  active: Map<number, number>;
  /** Time of the last event (ms), or null without events. */
  lastEvent: number | null;
}

/** Shapes retention counts; periods that start after the last event are null. */
export function retentionResult(spec: RetentionSpec, counts: RetentionCounts): RetentionResult {
  const last = counts.lastEvent === null ? null : periodStart(spec.period, counts.lastEvent);
  const cohorts = [...counts.cohorts].sort((a, b) => a[0] - b[0]);
  return {
    period: spec.period,
    cohorts: cohorts.map(([cohort, profiles]) => {
      const returned = Array.from({ length: spec.periods }, (_, n) =>
        last !== null && periodsBetween(spec.period, cohort, last) < n
          ? null
          : (counts.returned.get(`${cohort}:${n}`) ?? 0),
      );
      return {
        cohort: new Date(cohort).toISOString(),
        profiles,
        returned,
        rates: returned.map((r) => (r === null || profiles === 0 ? null : r / profiles)),
      };
    }),
    active: {
      interval: spec.activeInterval,
      series: [...counts.active]
        .sort((a, b) => a[0] - b[0])
        .map(([period, profiles]) => ({ period: new Date(period).toISOString(), profiles })),
    },
  };
}

/**
 * Reference retention: a profile's cohort is the period of its first event (its first
 * `startEvent` when given); it returned in period n when it has an event (a `returnEvent`
 * when given) at or after that first event, in the n-th period after the cohort's.
 */
export function retentionReference(
  all: readonly JourneyEvent[],
  spec: RetentionSpec,
): RetentionCounts {
  const events = selectJourneyEvents(all, spec);
  const counts: RetentionCounts = {
    cohorts: new Map(),
    returned: new Map(),
    active: new Map(),
    lastEvent: events.length > 0 ? Math.max(...events.map((e) => e.timestamp)) : null,
  };
  for (const [, trace] of profileTraces(events)) {
    const first = trace.find(
      (e) => spec.startEvent === undefined || matchesPattern(spec.startEvent, e.event),
    );
    if (!first) continue;
    const cohort = periodStart(spec.period, first.timestamp);
    counts.cohorts.set(cohort, (counts.cohorts.get(cohort) ?? 0) + 1);
    const periods = new Set<number>();
    for (const e of trace) {
      if (e.timestamp < first.timestamp) continue;
      if (spec.returnEvent !== undefined && !matchesPattern(spec.returnEvent, e.event)) continue;
      const n = periodsBetween(spec.period, cohort, periodStart(spec.period, e.timestamp));
      if (n < spec.periods) periods.add(n);
    }
    for (const n of periods)
      counts.returned.set(`${cohort}:${n}`, (counts.returned.get(`${cohort}:${n}`) ?? 0) + 1);
  }
  for (const [, trace] of profileTraces(events)) {
    const periods = new Set(trace.map((e) => periodStart(spec.activeInterval, e.timestamp)));
    for (const p of periods) counts.active.set(p, (counts.active.get(p) ?? 0) + 1);
  }
  return counts;
}
