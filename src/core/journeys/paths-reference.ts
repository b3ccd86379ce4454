import { matchesPattern } from "./event-pattern.ts";
import { funnelOutcomesReference } from "./funnel-reference.ts";
import { type JourneyEvent, profileTraces } from "./journey-log.ts";
import { segmentMembers, selectJourneyEvents } from "./journey-select.ts";
import type { PathCount } from "./paths-result.ts";
import type { PathsSpec } from "./specs.ts";

function collapse(names: string[]): string[] {
  return names.filter((name, i) => i === 0 || names[i - 1] !== name);
}

/** Reference paths: one path per profile that has the anchor; counts per distinct path. */
export function pathsReference(all: readonly JourneyEvent[], spec: PathsSpec): PathCount[] {
  const traces = profileTraces(selectJourneyEvents(all, spec));
  const dropAnchors = new Map<string, string>();
  const funnel =
    spec.dropOff?.funnel ??
    (spec.compare && "funnel" in spec.compare ? spec.compare.funnel : undefined);
  const filters = { from: spec.from, to: spec.to, channels: spec.channels, segment: spec.segment };
  const outcomes = funnel ? funnelOutcomesReference(all, { ...filters, ...funnel }) : [];
  if (spec.dropOff) {
    for (const o of outcomes) {
      const at = o.reachedAt[spec.dropOff.step - 1];
      if (o.furthest === spec.dropOff.step && at) dropAnchors.set(o.profileId, at.messageId);
    }
  }
  const groups = groupsOf(all, spec, outcomes);
  const counts = new Map<string, PathCount>();
  for (const [profileId, trace] of traces) {
    let anchor = -1;
    if (spec.start !== undefined)
      anchor = trace.findIndex((e) => matchesPattern(spec.start as string, e.event));
    else if (spec.end !== undefined)
      anchor = trace.findIndex((e) => matchesPattern(spec.end as string, e.event));
    else if (spec.dropOff)
      anchor = trace.findIndex((e) => e.messageId === dropAnchors.get(profileId));
    else anchor = trace.length > 0 ? 0 : -1;
    if (anchor < 0) continue;
    const side = spec.end !== undefined ? trace.slice(0, anchor + 1) : trace.slice(anchor);
    let names = side.map((e) => e.event as string);
    if (spec.collapseRepeats) names = collapse(names);
    const path = spec.end !== undefined ? names.slice(-spec.depth) : names.slice(0, spec.depth);
    const key = path.join("\u001f");
    const count = counts.get(key) ?? {
      path,
      profiles: 0,
      ...(spec.compare ? { groups: [0, 0] as [number, number] } : {}),
    };
    count.profiles++;
    const [inA, inB] = groups(profileId);
    if (count.groups && inA) count.groups[0]++;
    if (count.groups && inB) count.groups[1]++;
    counts.set(key, count);
  }
  return [...counts.values()];
}

/**
 * Whether a profile is in comparison group A and B: two segments (a profile may be in both or
 * neither), or a funnel's converted (A) and not converted (B) profiles.
 */
function groupsOf(
  all: readonly JourneyEvent[],
  spec: PathsSpec,
  outcomes: ReturnType<typeof funnelOutcomesReference>,
): (profileId: string) => [boolean, boolean] {
  const compare = spec.compare;
  if (!compare) return () => [false, false];
  if ("funnel" in compare) {
    const n = compare.funnel.steps.length;
    const furthest = new Map(outcomes.map((o) => [o.profileId, o.furthest]));
    return (id) => {
      const f = furthest.get(id);
      return [f === n, f !== undefined && f < n];
    };
  }
  const [a, b] = compare.segments.map((s) => segmentMembers(all, s.segment));
  return (id) => [a?.has(id) ?? false, b?.has(id) ?? false];
}
