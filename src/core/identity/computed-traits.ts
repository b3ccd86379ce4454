import type { StoredEvent } from "../stored-event.ts";

/** Journey stages in order (DESIGN §3): the furthest one a profile reached is a trait. */
export const STAGES = ["awareness", "consideration", "purchase", "service", "loyalty"] as const;
export type Stage = (typeof STAGES)[number];

// A simple default by event name (Segment e-commerce spec and common service events). The
// journey module owns the configurable mapping; this one only ranks a profile's progress.
const STAGE_RULES: readonly [Stage, RegExp][] = [
  ["loyalty", /referral|review|loyalty|reward|advocacy|renewed|upgraded|nps/i],
  ["service", /support|ticket|chat|call|complaint|service|transfer|query|statement|card|refund/i],
  [
    "purchase",
    /order completed|checkout completed|account opened|subscription started|purchased|payment/i,
  ],
  [
    "consideration",
    /product (viewed|compared|added|list)|products searched|cart|checkout started|application|compare|quote|signed up/i,
  ],
  ["awareness", /ad clicked|email opened|email link clicked|campaign|promotion|visited/i],
];

/** The stage of one event, or undefined when its name says nothing about the journey. */
export function stageOf(event: Pick<StoredEvent, "type" | "event">): Stage | undefined {
  const name = event.event ?? "";
  for (const [stage, pattern] of STAGE_RULES) if (pattern.test(name)) return stage;
  // A page or screen view with no more specific name is at least awareness.
  return event.type === "page" || event.type === "screen" ? "awareness" : undefined;
}

export interface ComputedTraits {
  firstSeen: string | null;
  lastSeen: string | null;
  eventCount: number;
  /** Events per channel, most used first. */
  channels: Record<string, number>;
  furthestStage: Stage | null;
  /** Sum of `properties.revenue` over the profile's events: its lifetime value so far. */
  lifetimeValue: number;
  /** Events that carried a revenue. */
  revenueEvents: number;
}

/** Traits computed from a profile's events, in any order. */
export function computeTraits(events: readonly StoredEvent[]): ComputedTraits {
  let first: number | null = null;
  let last: number | null = null;
  const channels: Record<string, number> = {};
  let furthest = -1;
  let lifetimeValue = 0;
  let revenueEvents = 0;
  for (const event of events) {
    const time = event.timestamp.getTime();
    if (first === null || time < first) first = time;
    if (last === null || time > last) last = time;
    channels[event.channel] = (channels[event.channel] ?? 0) + 1;
    const stage = stageOf(event);
    if (stage) furthest = Math.max(furthest, STAGES.indexOf(stage));
    const revenue = revenueOf(event.properties);
    if (revenue !== undefined) {
      lifetimeValue += revenue;
      revenueEvents++;
    }
  }
  return {
    firstSeen: first === null ? null : new Date(first).toISOString(),
    lastSeen: last === null ? null : new Date(last).toISOString(),
    eventCount: events.length,
    channels: Object.fromEntries(
      Object.entries(channels).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)),
    ),
    furthestStage: furthest === -1 ? null : (STAGES[furthest] ?? null),
    lifetimeValue: Math.round(lifetimeValue * 100) / 100,
    revenueEvents,
  };
}

function revenueOf(properties: string): number | undefined {
  if (!properties.includes('"revenue"')) return undefined;
  try {
    const revenue = (JSON.parse(properties) as { revenue?: unknown }).revenue;
    const value = typeof revenue === "string" ? Number(revenue) : revenue;
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
