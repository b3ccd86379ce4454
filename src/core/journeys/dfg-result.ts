import { compareText } from "./journey-log.ts";
import type { MapSpec } from "./specs.ts";

/**
 * The journey map: a directly-follows graph (DFG) as PM4Py defines it. Each profile is a case,
 * its events in journey order are the trace; every consecutive pair (a, b) counts once.
 */
export interface DfgEdge {
  from: string;
  to: string;
  /** Directly-follows count (PM4Py's DFG value). */
  count: number;
  /** Distinct profiles with this transition. */
  profiles: number;
  /** Median ms from a to b. */
  medianMs: number | null;
}

export interface DfgCounts {
  activities: { name: string; count: number; profiles: number }[];
  edges: DfgEdge[];
  /** First / last activity of each trace, with the number of traces (PM4Py's start/end activities). */
  starts: { name: string; count: number }[];
  ends: { name: string; count: number }[];
  /** The most frequent full traces; ties by `sample`, the first profile (code point order) with it. */
  variants: { trace: string[]; profiles: number; sample: string }[];
}

export interface MapResult extends DfgCounts {
  activity: MapSpec["activity"];
  profiles: number;
  pruning: { edges: number; kept: number; minCount: number; minShare: number; maxEdges: number };
}

const byCount =
  <T extends { count: number }>(key: (item: T) => string) =>
  (a: T, b: T) =>
    b.count - a.count || compareText(key(a), key(b));

/** Sorts, and prunes the edges to the significant ones (see docs/funnels.md). */
export function mapResult(spec: MapSpec, counts: DfgCounts, profiles: number): MapResult {
  const outgoing = new Map<string, number>();
  for (const e of counts.edges) outgoing.set(e.from, (outgoing.get(e.from) ?? 0) + e.count);
  const edges = [...counts.edges].sort(byCount((e) => `${e.from}\u001f${e.to}`));
  const kept = edges
    .filter(
      (e) => e.count >= spec.minCount && e.count >= spec.minShare * (outgoing.get(e.from) ?? 0),
    )
    .slice(0, spec.maxEdges);
  return {
    activity: spec.activity,
    profiles,
    activities: [...counts.activities].sort(byCount((a) => a.name)),
    edges: kept,
    starts: [...counts.starts].sort(byCount((a) => a.name)),
    ends: [...counts.ends].sort(byCount((a) => a.name)),
    variants: [...counts.variants]
      .sort((a, b) => b.profiles - a.profiles || compareText(a.sample, b.sample))
      .slice(0, spec.variants),
    pruning: {
      edges: counts.edges.length,
      kept: kept.length,
      minCount: spec.minCount,
      minShare: spec.minShare,
      maxEdges: spec.maxEdges,
    },
  };
}
