import { matchesPattern } from "./event-pattern.ts";
import type { FunnelBucket, FunnelCounts, FunnelWeek } from "./funnel-result.ts";
import {
  compareText,
  type JourneyEvent,
  jsonText,
  percentileCont,
  profileTraces,
  traitText,
  weekStart,
} from "./journey-log.ts";
import { selectJourneyEvents } from "./journey-select.ts";
import { profileInSegment } from "./segment.ts";
import type { FunnelCore, FunnelSpec } from "./specs.ts";

/** What one profile did in a funnel (the reference, written from the definition). */
export interface FunnelOutcome {
  profileId: string;
  /** Furthest step reached, 1..N. Profiles without a step-1 event have no outcome. */
  furthest: number;
  /** The event that starts the profile's funnel: its first step-1 event (any step in "any" mode). */
  entry: JourneyEvent;
  /** Per step (index 0 = step 1): the event at which the step was first reached. */
  reachedAt: (JourneyEvent | null)[];
  /** Per step: ms from the previous step, for the first time the step was reached. */
  gapMs: (number | null)[];
}

/**
 * Every valid attempt of one profile, by brute force: a chain of events, the first matching
 * step 1, each next one a later event of the trace (strict: the very next one) matching the
 * next step, all within `window` of the first, with no exclusion event strictly between the
 * events of steps `from` and `to` (the attempt's own events never count as exclusions).
 */
function attempts(trace: JourneyEvent[], funnel: FunnelCore): number[][] {
  const n = funnel.steps.length;
  const step = (i: number, k: number) =>
    matchesPattern((funnel.steps[k] as { event: string }).event, (trace[i] as JourneyEvent).event);
  const excluded = funnel.exclusions.map((x) => trace.map((e) => matchesPattern(x.event, e.event)));
  const found: number[][] = [];
  const extend = (chain: number[]) => {
    found.push(chain);
    const k = chain.length; // steps done; next is step k (0-based)
    if (k === n) return;
    const last = chain[k - 1] as number;
    const start = (trace[chain[0] as number] as JourneyEvent).timestamp;
    for (let j = last + 1; j < trace.length; j++) {
      if (funnel.mode === "strict" && j !== last + 1) break;
      if ((trace[j] as JourneyEvent).timestamp - start > funnel.window) break;
      if (!step(j, k)) continue;
      const blocked = funnel.exclusions.some((x, xi) => {
        if (!(x.from <= k && k < x.to)) return false;
        for (let b = last + 1; b < j; b++) if (excluded[xi]?.[b]) return true;
        return false;
      });
      if (!blocked) extend([...chain, j]);
    }
  };
  trace.forEach((_, i) => {
    if (step(i, 0)) extend([i]);
  });
  return found;
}

function orderedOutcome(profileId: string, trace: JourneyEvent[], funnel: FunnelCore) {
  const chains = attempts(trace, funnel);
  if (chains.length === 0) return undefined;
  const n = funnel.steps.length;
  const reachedAt: (JourneyEvent | null)[] = Array(n).fill(null);
  const gapMs: (number | null)[] = Array(n).fill(null);
  for (let k = 1; k <= n; k++) {
    const ending = chains.filter((c) => c.length === k);
    if (ending.length === 0) break;
    const first = Math.min(...ending.map((c) => c[k - 1] as number));
    const atFirst = ending.filter((c) => c[k - 1] === first);
    const latestStart = Math.max(
      ...atFirst.map((c) => (trace[c[0] as number] as JourneyEvent).timestamp),
    );
    const latest = atFirst.filter(
      (c) => (trace[c[0] as number] as JourneyEvent).timestamp === latestStart,
    );
    reachedAt[k - 1] = trace[first] as JourneyEvent;
    if (k > 1) {
      const previous = Math.max(...latest.map((c) => c[k - 2] as number));
      gapMs[k - 1] =
        (trace[first] as JourneyEvent).timestamp - (trace[previous] as JourneyEvent).timestamp;
    }
  }
  const furthest = Math.max(...chains.map((c) => c.length));
  const entry = trace[Math.min(...chains.map((c) => c[0] as number))] as JourneyEvent;
  return { profileId, furthest, entry, reachedAt, gapMs };
}

/** Any order: from any step event, the distinct steps done within the window (same time counts). */
function anyOrderOutcome(profileId: string, trace: JourneyEvent[], funnel: FunnelCore) {
  const matches = trace.map((e) => funnel.steps.map((s) => matchesPattern(s.event, e.event)));
  const starts = trace.filter((_, i) => matches[i]?.some(Boolean));
  if (starts.length === 0) return undefined;
  let furthest = 0;
  for (const start of starts) {
    const done = funnel.steps.map((_, k) =>
      trace.some(
        (e, i) =>
          matches[i]?.[k] &&
          e.timestamp >= start.timestamp &&
          e.timestamp - start.timestamp <= funnel.window,
      ),
    );
    furthest = Math.max(furthest, done.filter(Boolean).length);
  }
  const n = funnel.steps.length;
  return {
    profileId,
    furthest,
    entry: starts[0] as JourneyEvent,
    reachedAt: Array(n).fill(null),
    gapMs: Array(n).fill(null),
  };
}

/** The outcome of every profile that entered the funnel, over the filtered journey events. */
export function funnelOutcomesReference(
  all: readonly JourneyEvent[],
  spec: FunnelCore & Parameters<typeof selectJourneyEvents>[1],
): FunnelOutcome[] {
  const traces = profileTraces(selectJourneyEvents(all, spec));
  const outcomes: FunnelOutcome[] = [];
  for (const [profileId, trace] of traces) {
    const outcome =
      spec.mode === "any"
        ? anyOrderOutcome(profileId, trace, spec)
        : orderedOutcome(profileId, trace, spec);
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}

function counts(outcomes: FunnelOutcome[], n: number): FunnelCounts {
  const steps = Array.from({ length: n }, (_, k) => k);
  const gaps = (k: number) =>
    outcomes.flatMap((o) => (o.furthest > k && o.gapMs[k] !== null ? [o.gapMs[k] as number] : []));
  return {
    profiles: steps.map((k) => outcomes.filter((o) => o.furthest > k).length),
    medianMs: steps.map((k) => percentileCont(gaps(k), 0.5)),
    p90Ms: steps.map((k) => percentileCont(gaps(k), 0.9)),
  };
}

/** The breakdown value of each profile (see docs/funnels.md). */
export function breakdownValue(
  spec: FunnelSpec,
  all: readonly JourneyEvent[],
): (outcome: FunnelOutcome) => string | null {
  const breakdown = spec.breakdown;
  if (!breakdown) return () => null;
  if (breakdown.by === "channel") return (o) => o.entry.channel;
  if (breakdown.by === "property") return (o) => jsonText(o.entry.properties[breakdown.key]);
  const traces = profileTraces(all);
  if (breakdown.by === "trait") {
    return (o) => {
      const trace = traces.get(o.profileId) ?? [];
      for (let i = trace.length - 1; i >= 0; i--) {
        const value = traitText(trace[i] as JourneyEvent, breakdown.key);
        if (value !== null) return value;
      }
      return null;
    };
  }
  return (o) =>
    breakdown.segments.find((s) => profileInSegment(s.segment, traces.get(o.profileId) ?? []))
      ?.name ?? null;
}

/** Reference funnel: total counts, weeks, and buckets when the spec has a breakdown. */
export function funnelReference(all: readonly JourneyEvent[], spec: FunnelSpec) {
  const n = spec.steps.length;
  const outcomes = funnelOutcomesReference(all, spec);
  const weeks = new Map<number, FunnelWeek>();
  for (const o of outcomes) {
    const week = weekStart(o.entry.timestamp);
    const row = weeks.get(week) ?? { week, entered: 0, converted: 0 };
    row.entered++;
    if (o.furthest === n) row.converted++;
    weeks.set(week, row);
  }
  let buckets: FunnelBucket[] | undefined;
  if (spec.breakdown) {
    const bucketOf = breakdownValue(spec, all);
    const groups = new Map<string | null, FunnelOutcome[]>();
    for (const o of outcomes) {
      const value = bucketOf(o);
      groups.set(value, [...(groups.get(value) ?? []), o]);
    }
    const ranked = [...groups].sort(
      (a, b) =>
        b[1].length - a[1].length ||
        (a[0] === null ? 1 : b[0] === null ? -1 : compareText(a[0], b[0])),
    );
    const kept = ranked.slice(0, spec.breakdownLimit);
    const rest = ranked.slice(spec.breakdownLimit).flatMap(([, os]) => os);
    buckets = kept.map(([value, os]) => ({ value, other: false, ...counts(os, n) }));
    if (rest.length > 0) buckets.push({ value: null, other: true, ...counts(rest, n) });
  }
  return { total: counts(outcomes, n), weeks: [...weeks.values()], buckets };
}
