import type { DfgCounts } from "./dfg-result.ts";
import { compareText, type JourneyEvent, percentileCont, profileTraces } from "./journey-log.ts";
import { selectJourneyEvents } from "./journey-select.ts";
import type { MapSpec } from "./specs.ts";
import { type StageModel, stageOf } from "./stage-model.ts";

/** The activity an event stands for in the map. */
export function activityOf(spec: MapSpec, model: StageModel, event: JourneyEvent): string {
  if (spec.activity === "stage") return stageOf(model, event.event);
  if (spec.activity === "channel_event") return `${event.channel} · ${event.event}`;
  return event.event as string;
}

/**
 * The DFG by PM4Py's definition, written plainly: per case (profile) the trace sorted by
 * timestamp (ties by messageId), and a count for every consecutive pair.
 */
export function dfgReference(
  all: readonly JourneyEvent[],
  spec: MapSpec,
  model: StageModel,
): DfgCounts & { profiles: number } {
  const traces = profileTraces(selectJourneyEvents(all, spec));
  const activities = new Map<string, { count: number; profiles: Set<string> }>();
  const edges = new Map<
    string,
    { from: string; to: string; count: number; profiles: Set<string>; gaps: number[] }
  >();
  const starts = new Map<string, number>();
  const ends = new Map<string, number>();
  const variants = new Map<string, { trace: string[]; profiles: number; sample: string }>();
  for (const [profileId, events] of traces) {
    const trace = events.map((e) => activityOf(spec, model, e));
    trace.forEach((name) => {
      const a = activities.get(name) ?? { count: 0, profiles: new Set<string>() };
      a.count++;
      a.profiles.add(profileId);
      activities.set(name, a);
    });
    for (let i = 1; i < trace.length; i++) {
      const from = trace[i - 1] as string;
      const to = trace[i] as string;
      const key = `${from}\u001f${to}`;
      const edge = edges.get(key) ?? { from, to, count: 0, profiles: new Set<string>(), gaps: [] };
      edge.count++;
      edge.profiles.add(profileId);
      edge.gaps.push(
        (events[i] as JourneyEvent).timestamp - (events[i - 1] as JourneyEvent).timestamp,
      );
      edges.set(key, edge);
    }
    starts.set(trace[0] as string, (starts.get(trace[0] as string) ?? 0) + 1);
    ends.set(trace.at(-1) as string, (ends.get(trace.at(-1) as string) ?? 0) + 1);
    const variantKey = trace.join("\u001f");
    const variant = variants.get(variantKey) ?? { trace, profiles: 0, sample: profileId };
    variant.profiles++;
    if (compareText(profileId, variant.sample) < 0) variant.sample = profileId;
    variants.set(variantKey, variant);
  }
  return {
    profiles: traces.size,
    activities: [...activities].map(([name, a]) => ({
      name,
      count: a.count,
      profiles: a.profiles.size,
    })),
    edges: [...edges.values()].map((e) => ({
      from: e.from,
      to: e.to,
      count: e.count,
      profiles: e.profiles.size,
      medianMs: percentileCont(e.gaps, 0.5),
    })),
    starts: [...starts].map(([name, count]) => ({ name, count })),
    ends: [...ends].map(([name, count]) => ({ name, count })),
    variants: [...variants.values()],
  };
}
