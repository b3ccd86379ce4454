import type { StoredEvent } from "../stored-event.ts";

/** The winning value of one trait and where it came from. */
export interface TraitValue {
  value: unknown;
  sourceId: string;
  channel: string;
  messageId: string;
  timestamp: string;
}

/**
 * Merges the traits of a profile's events: identify traits, and `context.traits` of the other
 * types (group traits describe the group, not the person, and are left out). For each trait the
 * value from the highest-priority source wins (`sourcePriority` names source ids or channels,
 * highest first; unnamed ones come last), then the latest by timestamp, then the larger
 * message id — so the result does not depend on the order events are read in.
 */
export function mergeTraits(
  events: readonly StoredEvent[],
  sourcePriority: readonly string[] = [],
): Record<string, TraitValue> {
  const rankOf = (event: StoredEvent) => {
    const bySource = sourcePriority.indexOf(event.sourceId);
    const byChannel = sourcePriority.indexOf(event.channel);
    const ranks = [bySource, byChannel].filter((r) => r !== -1);
    return ranks.length > 0 ? Math.min(...ranks) : sourcePriority.length;
  };
  const best = new Map<
    string,
    { rank: number; time: number; event: StoredEvent; value: unknown }
  >();
  for (const event of events) {
    if (event.type === "group" || event.traits === "{}") continue;
    const traits = parse(event.traits);
    if (!traits) continue;
    const rank = rankOf(event);
    const time = event.timestamp.getTime();
    for (const [name, value] of Object.entries(traits)) {
      if (value === null || value === undefined || value === "") continue;
      const current = best.get(name);
      const wins =
        !current ||
        rank < current.rank ||
        (rank === current.rank &&
          (time > current.time ||
            (time === current.time && event.messageId > current.event.messageId)));
      if (wins) best.set(name, { rank, time, event, value });
    }
  }
  const merged: Record<string, TraitValue> = {};
  for (const name of [...best.keys()].sort()) {
    const { event, value } = best.get(name) as { event: StoredEvent; value: unknown };
    merged[name] = {
      value,
      sourceId: event.sourceId,
      channel: event.channel,
      messageId: event.messageId,
      timestamp: event.timestamp.toISOString(),
    };
  }
  return merged;
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
