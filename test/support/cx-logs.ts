import fc from "fast-check";
import type { JourneyEvent } from "../../src/core/journeys/journey-log.ts";
import type { StoredEvent } from "../../src/core/stored-event.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { LOG_START, toJourney } from "./journey-logs.ts";

/**
 * Small random event logs for the CX property tests: surveys (valid, invalid, with stages and
 * touchpoints), failures, stage events, collaborative actions, and the KPI events of every
 * channel (pages, screens, email, chat, call centre), with ties in time.
 */
const HOUR = 3_600_000;

export const CX_TRACKS = [
  "Survey Responded",
  "Survey Responded",
  "Survey Responded",
  "Product Viewed",
  "Order Completed",
  "Account Opened",
  "Ad Clicked",
  "Transfer Failed",
  "Application Crashed",
  "Referral Sent",
  "Review Submitted",
  "Login",
  "Application Started",
  "Email Sent",
  "Email Delivered",
  "Email Bounced",
  "Email Opened",
  "Email Link Clicked",
  "Unsubscribed",
  "Support Chat Started",
  "Support Chat Ended",
  "Call Center Call",
] as const;

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const entryArb = fc.record({
  profile: fc.integer({ min: 0, max: 3 }),
  anonymous: fc.constantFrom(false, false, false, false, false, true),
  kind: fc.constantFrom("track", "track", "track", "track", "page", "page", "screen", "identify"),
  track: fc.constantFrom(...CX_TRACKS),
  page: fc.constantFrom("Home", "Rates", "Dashboard", "Product Viewed"),
  channel: fc.constantFrom("web", "app", "email", "chat", "call_center"),
  hour: fc.integer({ min: 0, max: 40 }),
  weeks: fc.constantFrom(0, 0, 0, 0, 1, 5),
  minute: fc.constantFrom(0, 0, 5, 20, 31, 45),
  id: fc.stringMatching(/^[a-c_%-]{1,3}$/),
  surveyType: fc.constantFrom("nps", "nps", "csat", "ces", "NPS", " csat ", "kano", undefined),
  score: fc.oneof(
    fc.integer({ min: -1, max: 11 }),
    fc.constantFrom("8", "x", 3.5, true, undefined),
  ),
  touchpoint: fc.constantFrom("t1", "t2", undefined, undefined),
  stage: fc.constantFrom("purchase", "nope", undefined, undefined, undefined),
  emailId: maybe(fc.constantFrom("e1", "e2")),
  campaignId: maybe(fc.constantFrom("c1")),
  resolved: maybe(fc.constantFrom(true, false, "true", "no")),
  wait: maybe(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom("12", "n/a"))),
  duration: maybe(fc.integer({ min: 30, max: 900 })),
  loadTime: maybe(fc.integer({ min: 100, max: 3000 })),
  tier: maybe(fc.constantFrom("gold", "silver")),
  plan: maybe(fc.constantFrom("x", "y")),
  comment: maybe(fc.constantFrom(" good ", "", "bad service", 5, "  ")),
});

export type CxLogEntry = typeof entryArb extends fc.Arbitrary<infer T> ? T : never;

export const cxLogArb = (maxLength = 60) =>
  fc
    .array(entryArb, { minLength: 10, maxLength, size: "max" })
    .map((entries) =>
      entries.map((entry, index) => ({ ...entry, messageId: `${entry.id}${index % 7}-${index}` })),
    );

export function toCxStored(entries: (CxLogEntry & { messageId: string })[]): StoredEvent[] {
  return entries.map((e) => {
    const properties: Record<string, unknown> = {};
    const set = (key: string, value: unknown) => {
      if (value !== undefined) properties[key] = value;
    };
    const type = e.kind === "identify" ? "identify" : e.kind;
    const channel = e.kind === "page" ? "web" : e.kind === "screen" ? "app" : e.channel;
    set("channel", channel);
    set("survey_type", e.surveyType);
    set("score", e.score);
    set("touchpoint", e.touchpoint);
    set("stage", e.stage);
    set("email_id", e.emailId);
    set("campaign_id", e.campaignId);
    set("resolved", e.resolved);
    set("wait_seconds", e.wait);
    set("duration_seconds", e.duration);
    set("load_time_ms", e.loadTime);
    set("plan", e.plan);
    set("comment", e.comment);
    const tier = e.tier ? { tier: e.tier } : {};
    return {
      messageId: e.messageId,
      sourceId: "test",
      type,
      event: type === "identify" ? null : type === "track" ? e.track : e.page,
      userId: e.anonymous ? null : `u${e.profile}`,
      anonymousId: `anon-${e.profile}`,
      previousId: null,
      groupId: null,
      email: null,
      phone: null,
      channel,
      timestamp: new Date(
        LOG_START + (e.weeks * 168 + e.hour) * HOUR + e.minute * 60_000 + (e.profile % 2) * 1000,
      ),
      sentAt: null,
      receivedAt: new Date(LOG_START),
      properties: JSON.stringify(properties),
      traits: JSON.stringify(type === "identify" ? tier : {}),
      context: JSON.stringify(type === "identify" ? {} : { traits: tier }),
    } satisfies StoredEvent;
  });
}

/** A journey event with its message type (page / screen / track / identify). */
export type TypedEvent = JourneyEvent & { type: string };

/** Replaces the store's events; returns the reference's view (profile ids from the store). */
export async function loadCxLog(
  store: EventStore,
  stored: StoredEvent[],
  profile: { join: string; key: string },
): Promise<TypedEvent[]> {
  await store.exec("DELETE FROM events");
  await store.insertEvents(stored);
  const rows = await store.query(
    `SELECT e.message_id, ${profile.key} AS profile_id FROM events e ${profile.join}`,
  );
  const profiles = new Map(rows.map((r) => [String(r.message_id), String(r.profile_id)]));
  const types = new Map(stored.map((e) => [e.messageId, e.type]));
  return toJourney(stored, profiles).map((e) => ({ ...e, type: types.get(e.messageId) ?? "" }));
}

/** A value with every number rounded to 9 significant digits (float sums differ in order). */
export function roundNumbers(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_key, v) =>
    typeof v === "number" && Number.isFinite(v) && !Number.isInteger(v)
      ? Number(v.toPrecision(9))
      : v,
  );
}
