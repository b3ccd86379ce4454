import { matchesAny } from "../journeys/event-pattern.ts";
import {
  compareText,
  DAY_MS,
  type JourneyEvent,
  percentileCont,
  profileTraces,
  traitText,
} from "../journeys/journey-log.ts";
import { selectJourneyEvents } from "../journeys/journey-select.ts";
import { profileInSegment } from "../journeys/segment.ts";
import type { CxConfig } from "./cx-config.ts";
import {
  type EngagementCaps,
  engagementOf,
  type ProfileEngagement,
  scoreBin,
  scoreKey,
} from "./engagement.ts";
import type { EngagementSpec } from "./specs.ts";

/** What the engagement query returns (SQL or this reference); shaped by `engagement-result.ts`. */
export interface EngagementRows {
  profiles: number;
  caps: EngagementCaps;
  meanScore: number | null;
  percentiles: { p25: number | null; p50: number | null; p75: number | null; p90: number | null };
  meanParts: { frequency: number | null; diversity: number | null; depth: number | null };
  bins: number[];
  groups: {
    dim: number;
    value: string | null;
    profiles: number;
    meanScore: number;
    medianScore: number;
  }[];
  top: ProfileEngagement[];
  profile: ProfileEngagement | null;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

/** Plain-TypeScript reference of `engagementSql`. */
export function engagementReference(
  all: readonly JourneyEvent[],
  spec: EngagementSpec,
  config: CxConfig,
): EngagementRows {
  const traces = profileTraces(selectJourneyEvents(all, spec));
  const counts = [...traces].map(([profileId, events]) => ({
    profileId,
    activeDays: new Set(events.map((e) => Math.floor(e.timestamp / DAY_MS))).size,
    channels: new Set(events.map((e) => e.channel)).size,
    interactionTypes: new Set(events.map((e) => e.event)).size,
    events: events.length,
    collaborative: events.filter((e) => matchesAny(config.engagement.collaborativeEvents, e.event))
      .length,
  }));
  const q = config.engagement.capPercentile;
  const capOf = (values: number[]) =>
    percentileCont(
      values.filter((v) => v > 0),
      q,
    );
  const caps: EngagementCaps = {
    activeDays: capOf(counts.map((c) => c.activeDays)),
    channels: capOf(counts.map((c) => c.channels)),
    interactionTypes: capOf(counts.map((c) => c.interactionTypes)),
    collaborativeShare: capOf(counts.map((c) => c.collaborative / c.events)),
  };
  const scored = counts.map((c) => engagementOf(c, caps, config));
  const scores = scored.map((s) => s.score);
  const bins = Array<number>(10).fill(0);
  for (const s of scores) bins[scoreBin(s)] = (bins[scoreBin(s)] ?? 0) + 1;
  const everything = profileTraces(all);
  const groups = spec.by.flatMap((dimension, i) => {
    const groupOf = (profileId: string): string | null => {
      const events = everything.get(profileId) ?? [];
      if (dimension.by === "segment") {
        return spec.segments?.find((s) => profileInSegment(s.segment, events))?.name ?? null;
      }
      let value: string | null = null;
      for (const e of events)
        value = traitText(e, "key" in dimension ? dimension.key : "") ?? value;
      return value;
    };
    const byValue = new Map<string | null, number[]>();
    for (const s of scored) {
      const v = groupOf(s.profileId);
      byValue.set(v, [...(byValue.get(v) ?? []), s.score]);
    }
    return [...byValue].map(([value, list]) => ({
      dim: i + 1,
      value,
      profiles: list.length,
      meanScore: mean(list) as number,
      medianScore: percentileCont(list, 0.5) as number,
    }));
  });
  const ranked = [...scored].sort(
    (a, b) => scoreKey(b.score) - scoreKey(a.score) || compareText(a.profileId, b.profileId),
  );
  return {
    profiles: scored.length,
    caps,
    meanScore: mean(scores),
    percentiles: {
      p25: percentileCont(scores, 0.25),
      p50: percentileCont(scores, 0.5),
      p75: percentileCont(scores, 0.75),
      p90: percentileCont(scores, 0.9),
    },
    meanParts: {
      frequency: mean(scored.map((s) => s.frequency)),
      diversity: mean(scored.map((s) => s.diversity)),
      depth: mean(scored.map((s) => s.depth)),
    },
    bins,
    groups,
    top: ranked.slice(0, spec.limit),
    profile: spec.profile ? (scored.find((s) => s.profileId === spec.profile) ?? null) : null,
  };
}
