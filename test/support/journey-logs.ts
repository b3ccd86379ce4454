import fc from "fast-check";
import { expect } from "vitest";
import type { JourneyEvent } from "../../src/core/journeys/journey-log.ts";
import type { StoredEvent } from "../../src/core/stored-event.ts";
import type { EventStore } from "../../src/store/event-store.ts";

/** Small random event logs for property tests: few names, channels and times, so ties happen. */
export const EVENT_NAMES = ["A", "B", "C", "D", "E_1", "E%2"] as const;
export const LOG_CHANNELS = ["web", "app", "email"] as const;
export const LOG_START = Date.UTC(2026, 0, 5); // a Monday
const HOUR = 3_600_000;

const entryArb = fc.record({
  profile: fc.integer({ min: 0, max: 2 }),
  anonymous: fc.constantFrom(false, false, false, false, false, true),
  event: fc.option(fc.constantFrom("A", "A", "B", "B", "C", "C", ...EVENT_NAMES), {
    freq: 10,
    nil: null,
  }),
  channel: fc.constantFrom(...LOG_CHANNELS),
  // Hours over ~3 weeks, plus a few minutes: equal timestamps are common.
  hour: fc.integer({ min: 0, max: 60 }),
  // Some events weeks later, so weekly and monthly buckets differ.
  weeks: fc.constantFrom(0, 0, 0, 0, 0, 1, 3, 5),
  minute: fc.constantFrom(0, 0, 0, 1, 30),
  id: fc.stringMatching(/^[a-c_%-]{1,3}$/),
  plan: fc.option(fc.constantFrom("x", "y"), { nil: undefined }),
  amount: fc.option(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom("3", "n/a")), {
    nil: undefined,
  }),
  tier: fc.option(fc.constantFrom("gold", "silver"), { nil: undefined }),
});

export type LogEntry = typeof entryArb extends fc.Arbitrary<infer T> ? T : never;

/** A random log; messageIds are unique. */
export const logArb = (maxLength = 40) =>
  fc
    .array(entryArb, { minLength: Math.min(8, maxLength), maxLength, size: "max" })
    .map((entries) =>
      entries.map((entry, index) => ({ ...entry, messageId: `${entry.id}${index % 7}-${index}` })),
    );

/** Stored events of a log, as the store keeps them. */
export function toStored(entries: (LogEntry & { messageId: string })[]): StoredEvent[] {
  return entries.map((entry) => {
    const properties: Record<string, unknown> = { channel: entry.channel };
    if (entry.plan !== undefined) properties.plan = entry.plan;
    if (entry.amount !== undefined) properties.amount = entry.amount;
    const traits = entry.event === null && entry.tier ? { tier: entry.tier } : {};
    const context = entry.event !== null && entry.tier ? { traits: { tier: entry.tier } } : {};
    return {
      messageId: entry.messageId,
      sourceId: "test",
      type: entry.event === null ? "identify" : "track",
      event: entry.event,
      userId: entry.anonymous ? null : `u${entry.profile}`,
      anonymousId: `anon-${entry.profile}`,
      previousId: null,
      groupId: null,
      email: null,
      phone: null,
      channel: entry.channel,
      timestamp: new Date(
        LOG_START + ((entry.weeks ?? 0) * 168 + entry.hour) * HOUR + entry.minute * 60_000,
      ),
      sentAt: null,
      receivedAt: new Date(LOG_START),
      properties: JSON.stringify(properties),
      traits: JSON.stringify(traits),
      context: JSON.stringify(context),
    };
  });
}

/** The reference's view of stored events; the profile id is the store's (`profile_id` per message). */
export function toJourney(stored: StoredEvent[], profiles: Map<string, string>): JourneyEvent[] {
  return stored.map((e) => ({
    profileId: profiles.get(e.messageId) ?? String(e.userId ?? e.anonymousId),
    messageId: e.messageId,
    event: e.event,
    channel: e.channel,
    timestamp: e.timestamp.getTime(),
    properties: JSON.parse(e.properties),
    traits: JSON.parse(e.traits),
    context: JSON.parse(e.context),
  }));
}

/** Replaces the store's events with a log; returns the reference's view of it. */
export async function loadLog(
  store: EventStore,
  entries: (LogEntry & { messageId: string })[],
  profile: { join: string; key: string },
): Promise<JourneyEvent[]> {
  await store.exec("DELETE FROM events");
  const stored = toStored(entries);
  await store.insertEvents(stored);
  const rows = await store.query(
    `SELECT e.message_id, ${profile.key} AS profile_id FROM events e ${profile.join}`,
  );
  const profiles = new Map(rows.map((r) => [String(r.message_id), String(r.profile_id)]));
  return toJourney(stored, profiles);
}

/** Splits off timing fields (compared within 1 ms: percentiles are floating point). */
export function withoutTimings(value: unknown): { shape: unknown; timings: number[] } {
  const timings: number[] = [];
  const shape = JSON.parse(JSON.stringify(value), (key, v) => {
    if (/Ms(FromPrevious)?$|^(median|p90)/.test(key) && typeof v === "number") {
      timings.push(v);
      return "<ms>";
    }
    return v;
  });
  return { shape, timings };
}

/** Equal, with timings within 1 ms (percentiles are floating point). */
export function expectSameResult(actual: unknown, expected: unknown) {
  const a = withoutTimings(actual);
  const e = withoutTimings(expected);
  expect(a.shape).toEqual(e.shape);
  for (const [i, t] of a.timings.entries()) {
    expect(Math.abs(t - (e.timings[i] as number))).toBeLessThanOrEqual(1);
  }
}
