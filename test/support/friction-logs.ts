import fc from "fast-check";
import { FrictionConfigSchema } from "../../src/core/friction/friction-config.ts";
import type { JourneyEvent } from "../../src/core/journeys/journey-log.ts";
import type { StoredEvent } from "../../src/core/stored-event.ts";
import { mulberry32 } from "../../src/demo/demo-random.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { toJourney } from "./journey-logs.ts";

/**
 * Event logs for the friction tests: small random logs for the property tests (few names,
 * channels and times, so that ties, repeats, loops, sessions and channel switches all happen)
 * and larger seeded logs with no planted effect for the false-positive control.
 */
export const FRICTION_NAMES = [
  "A",
  "B",
  "C",
  "Pay Failed",
  "Help Timeout",
  "Survey Responded",
  "Review Submitted",
  "Closed",
] as const;
export const FRICTION_CHANNELS = ["web", "app", "call_center"] as const;
const START = Date.UTC(2026, 0, 5);
const MINUTE = 60_000;
const DAY = 86_400_000;

const entryArb = fc.record({
  profile: fc.integer({ min: 0, max: 5 }),
  anonymous: fc.constantFrom(false, false, false, false, true),
  event: fc.constantFrom(...FRICTION_NAMES, "A", "A", "A", "B", "B"),
  channel: fc.constantFrom(...FRICTION_CHANNELS, "web", "web"),
  day: fc.constantFrom(0, 0, 0, 0, 1, 3, 40),
  // Minutes apart within a day, so that one transition recurs within sessions at varied gaps.
  minute: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.constantFrom(0, 1, 2, 3, 4, 8, 30)),
  second: fc.constantFrom(0, 0, 5, 30),
  surveyType: fc.constantFrom("nps", "csat", "ces", "other", undefined),
  score: fc.constantFrom(1, 2, 3, 6, 7, 9, "3", "n/a", undefined),
  rating: fc.constantFrom(1, 2, 5, "2", undefined),
  id: fc.stringMatching(/^[a-c]{1,2}$/),
});

/** Friction settings that move every signal's threshold across the logs' gaps and names. */
export const frictionConfigArb = fc
  .record({
    dwellFactor: fc.constantFrom(1.5, 3),
    channelSwitchMinutes: fc.constantFrom(1, 60),
    stallDays: fc.constantFrom(1, 30),
    feedback: fc.record({ windowMinutes: fc.constantFrom(1, 60, 2000) }),
    failureEvents: fc.constantFrom(["*Failed", "*Timeout"], ["A"]),
  })
  .map((raw) => FrictionConfigSchema.parse(raw));

/** A random friction log as stored events; message ids are unique. */
export const frictionLogArb = (maxLength = 50) =>
  fc.array(entryArb, { minLength: 5, maxLength, size: "max" }).map((entries) =>
    entries.map((e, index): StoredEvent => {
      const properties: Record<string, unknown> = { channel: e.channel };
      if (e.surveyType !== undefined) properties.survey_type = e.surveyType;
      if (e.score !== undefined) properties.score = e.score;
      if (e.rating !== undefined) properties.rating = e.rating;
      return storedTrack({
        messageId: `${e.id}${index % 5}-${index}`,
        event: e.event,
        channel: e.channel,
        userId: e.anonymous ? null : `u${e.profile}`,
        anonymousId: `anon-${e.profile}`,
        time: START + e.day * DAY + e.minute * MINUTE + e.second * 1000,
        properties,
      });
    }),
  );

function storedTrack(e: {
  messageId: string;
  event: string;
  channel: string;
  userId: string | null;
  anonymousId: string;
  time: number;
  properties: Record<string, unknown>;
}): StoredEvent {
  return {
    messageId: e.messageId,
    sourceId: "test",
    type: "track",
    event: e.event,
    userId: e.userId,
    anonymousId: e.anonymousId,
    previousId: null,
    groupId: null,
    email: null,
    phone: null,
    channel: e.channel as StoredEvent["channel"],
    timestamp: new Date(e.time),
    sentAt: null,
    receivedAt: new Date(START),
    properties: JSON.stringify(e.properties),
    traits: "{}",
    context: "{}",
  };
}

/**
 * A log with every signal (docs/friction.md#signals), the example the property test always
 * runs: a failed transfer tried twice, a call within the hour, a low NPS then a high one; a
 * slow Home → Transfer; a stall; loops and a repeat. (The reference's unit test works it out.)
 */
export function signalScenario(): StoredEvent[] {
  const rows: [string, string, string, number, Record<string, unknown>?][] = [
    ["u1", "app", "Home", 0],
    ["u1", "app", "Transfer", 1 * MINUTE],
    ["u1", "app", "Pay Failed", 2 * MINUTE],
    ["u1", "app", "Transfer", 3 * MINUTE],
    ["u1", "app", "Pay Failed", 10 * MINUTE],
    ["u1", "call_center", "Call", 20 * MINUTE],
    ["u1", "call_center", "Survey Responded", 25 * MINUTE, { survey_type: "nps", score: 3 }],
    ["u1", "call_center", "Survey Responded", 26 * MINUTE, { survey_type: "nps", score: 9 }],
    ["u3", "app", "Home", 0],
    ["u3", "app", "Transfer", MINUTE],
    ["u3", "app", "Home", DAY],
    ["u3", "app", "Transfer", DAY + MINUTE],
    ["u3", "app", "Home", 2 * DAY],
    ["u3", "app", "Transfer", 2 * DAY + 10 * MINUTE],
    ["u2", "web", "Home", 40 * DAY],
  ];
  return rows.map(([user, channel, event, offset, extra], i) =>
    storedTrack({
      messageId: `s${String(i).padStart(2, "0")}`,
      event,
      channel,
      userId: user,
      anonymousId: `anon-${user}`,
      time: START + offset,
      properties: { channel, ...extra },
    }),
  );
}

/** Replaces the store's events; returns the reference's view (the store's profile ids). */
export async function loadStored(
  store: EventStore,
  stored: StoredEvent[],
  profile: { join: string; key: string },
): Promise<JourneyEvent[]> {
  await store.exec("DELETE FROM events");
  await store.insertEvents(stored);
  const rows = await store.query(
    `SELECT e.message_id, ${profile.key} AS profile_id FROM events e ${profile.join}`,
  );
  return toJourney(stored, new Map(rows.map((r) => [String(r.message_id), String(r.profile_id)])));
}

const NULL_NAMES = [
  "Home",
  "Account Query",
  "Transfer Started",
  "Transfer Failed",
  "Support Timeout",
  "Card Locked",
  "Statement Downloaded",
  "Order Completed",
];

/**
 * A log with no planted effect: every profile draws its steps, channels and gaps from the same
 * distributions; about 15% churn (`Account Closed`) at a random moment and send nothing after.
 */
export function nullLog(seed: number, profiles: number): StoredEvent[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const events: StoredEvent[] = [];
  for (let p = 0; p < profiles; p++) {
    let time = START + random() * 30 * DAY;
    const count = 6 + Math.floor(random() * 9);
    const churnAfter = random() < 0.15 ? Math.floor(random() * count) : -1;
    for (let i = 0; i < count; i++) {
      time += random() < 0.6 ? random() * 10 * MINUTE : random() * 5 * DAY;
      const channel = pick(FRICTION_CHANNELS);
      events.push(
        storedTrack({
          messageId: `n${seed}-${p}-${i}`,
          event: pick(NULL_NAMES),
          channel,
          userId: `u${p}`,
          anonymousId: `a${p}`,
          time: Math.round(time),
          properties: { channel },
        }),
      );
      if (i === churnAfter) {
        time += 2 * DAY * random();
        events.push(
          storedTrack({
            messageId: `n${seed}-${p}-closed`,
            event: "Account Closed",
            channel: "call_center",
            userId: `u${p}`,
            anonymousId: `a${p}`,
            time: Math.round(time),
            properties: { channel: "call_center" },
          }),
        );
        break;
      }
    }
  }
  return events;
}
