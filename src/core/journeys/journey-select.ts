import type { JourneyEvent } from "./journey-log.ts";
import { profileInSegment } from "./segment.ts";
import type { JourneyFilters } from "./specs.ts";

/**
 * The reference of the journey-events CTE: events with a name, in the date range, on the
 * channels, of profiles in the segment. A segment looks at all of a profile's events (any
 * time, any channel, identify messages too): it says who the profile is.
 */
export function selectJourneyEvents(
  all: readonly JourneyEvent[],
  filters: JourneyFilters,
): JourneyEvent[] {
  const from = filters.from ? Date.parse(filters.from) : Number.NEGATIVE_INFINITY;
  const to = filters.to ? Date.parse(filters.to) : Number.POSITIVE_INFINITY;
  const members = filters.segment ? segmentMembers(all, filters.segment) : undefined;
  return all.filter(
    (e) =>
      e.event !== null &&
      e.timestamp >= from &&
      e.timestamp < to &&
      (filters.channels === undefined || filters.channels.includes(e.channel)) &&
      (members === undefined || members.has(e.profileId)),
  );
}

/** Profiles in a segment, judged on all their events. */
export function segmentMembers(
  all: readonly JourneyEvent[],
  segment: NonNullable<JourneyFilters["segment"]>,
): Set<string> {
  const byProfile = new Map<string, JourneyEvent[]>();
  for (const e of all) byProfile.set(e.profileId, [...(byProfile.get(e.profileId) ?? []), e]);
  return new Set(
    [...byProfile].filter(([, events]) => profileInSegment(segment, events)).map(([id]) => id),
  );
}
