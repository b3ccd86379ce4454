import fc from "fast-check";
import type { Dimension } from "../../src/core/gaps/dimensions.ts";
import { DimensionSchema } from "../../src/core/gaps/dimensions.ts";
import { type TaskDefinition, TaskSchema } from "../../src/core/gaps/task-spec.ts";
import type { JourneyEvent } from "../../src/core/journeys/journey-log.ts";
import { JourneyFiltersSchema } from "../../src/core/journeys/specs.ts";
import type { StoredEvent } from "../../src/core/stored-event.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { segmentArb } from "./journey-arbitraries.ts";
import { toJourney } from "./journey-logs.ts";

/**
 * Small random logs for the task, gap and continuity property tests: a few profiles on three
 * channels, task events (S, S2, OK, KO, X), surveys with scores and comments, app versions,
 * user agents and traits — minute-granular times, so ties and window edges happen.
 */
export const GAP_CHANNELS = ["web", "app", "call_center"] as const;
const START = Date.UTC(2026, 0, 5);
const AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/124.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux) Gecko/20100101 Firefox/125.0",
  "curl/8.0",
];

const entryArb = fc.record({
  profile: fc.integer({ min: 0, max: 3 }),
  anonymous: fc.constantFrom(false, false, false, false, true),
  event: fc.constantFrom(
    "S",
    "S",
    "S",
    "S2",
    "OK",
    "OK",
    "KO",
    "KO",
    "X",
    "Survey Responded",
    null,
  ),
  channel: fc.constantFrom(...GAP_CHANNELS),
  minute: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constantFrom(0, 5, 30, 60)),
  id: fc.stringMatching(/^[a-c]{1,2}$/),
  version: fc.option(fc.constantFrom("1.0", "2.0"), { nil: undefined }),
  agent: fc.option(fc.constantFrom(...AGENTS), { nil: undefined }),
  os: fc.option(fc.constantFrom("iOS", "Android"), { nil: undefined }),
  plan: fc.option(fc.constantFrom("basic", "pro", 3), { nil: undefined }),
  tier: fc.option(fc.constantFrom("gold", "silver"), { nil: undefined }),
  survey: fc.constantFrom("csat", "ces", "nps", "other"),
  score: fc.constantFrom(1, 2, 4, 5, 7, "3", "n/a"),
  touchpoint: fc.option(fc.constantFrom("t1", "t2", "other"), { nil: undefined }),
  comment: fc.option(fc.constantFrom("great", "slow", "", "很好"), { nil: undefined }),
});
export type GapEntry = typeof entryArb extends fc.Arbitrary<infer T> ? T : never;

export const gapLogArb = (maxLength = 40) =>
  fc
    .array(entryArb, { minLength: 6, maxLength, size: "max" })
    .map((entries) => entries.map((e, i) => ({ ...e, messageId: `${e.id}${i % 5}-${i}` })));

export function toStoredEvents(entries: (GapEntry & { messageId: string })[]): StoredEvent[] {
  return entries.map((e) => {
    const properties: Record<string, unknown> = { channel: e.channel };
    if (e.plan !== undefined) properties.plan = e.plan;
    if (e.touchpoint !== undefined) properties.touchpoint = e.touchpoint;
    if (e.comment !== undefined) properties.comment = e.comment;
    if (e.event === "Survey Responded") {
      properties.survey_type = e.survey;
      properties.score = e.score;
    }
    const context: Record<string, unknown> = {};
    if (e.version) context.app = { version: e.version };
    if (e.agent) context.userAgent = e.agent;
    if (e.os) context.os = { name: e.os };
    if (e.event !== null && e.tier && e.minute % 2 === 0) context.traits = { tier: e.tier };
    const traits = e.event === null && e.tier ? { tier: e.tier } : {};
    return {
      messageId: e.messageId,
      sourceId: "test",
      type: e.event === null ? "identify" : "track",
      event: e.event,
      userId: e.anonymous ? null : `u${e.profile}`,
      anonymousId: `anon-${e.profile}`,
      previousId: null,
      groupId: null,
      email: null,
      phone: null,
      channel: e.channel,
      timestamp: new Date(START + e.minute * 60_000),
      sentAt: null,
      receivedAt: new Date(START),
      properties: JSON.stringify(properties),
      traits: JSON.stringify(traits),
      context: JSON.stringify(context),
    };
  });
}

/** Replaces the store's events; returns the reference's view of them (with the store's profile ids). */
export async function loadGapLog(
  store: EventStore,
  entries: (GapEntry & { messageId: string })[],
  profile: { join: string; key: string },
): Promise<JourneyEvent[]> {
  await store.exec("DELETE FROM events");
  const stored = toStoredEvents(entries);
  await store.insertEvents(stored);
  const rows = await store.query(
    `SELECT e.message_id, ${profile.key} AS profile_id FROM events e ${profile.join}`,
  );
  return toJourney(stored, new Map(rows.map((r) => [String(r.message_id), String(r.profile_id)])));
}

const MINUTE = 60_000;

export const taskArb = (name: string) =>
  fc
    .record({
      start: fc.constantFrom("S", "S*", "X"),
      // KO is mostly a failure (failed attempts need one), sometimes also a success (which wins).
      success: fc.oneof(
        { weight: 3, arbitrary: fc.subarray(["OK", "S2"], { minLength: 1 }) },
        { weight: 1, arbitrary: fc.subarray(["OK", "KO", "S2"], { minLength: 1 }) },
      ),
      failure: fc.oneof(
        { weight: 1, arbitrary: fc.constant([]) },
        { weight: 3, arbitrary: fc.subarray(["KO", "X"], { minLength: 1 }) },
      ),
      window: fc.constantFrom(0, 5, 60, 240).map((m) => m * MINUTE),
      touchpoints: fc.constantFrom(["t1"], ["t1", "t2"]),
    })
    .map((t): TaskDefinition => TaskSchema.parse({ name, ...t }));

export const tasksArb = fc.oneof(
  taskArb("one").map((t) => [t]),
  fc.tuple(taskArb("one"), taskArb("two")),
);

export const DIMENSIONS: Dimension[] = [
  "context.app.version",
  "browser",
  "context.os.name",
  "trait.tier",
  "properties.plan",
].map((d) => DimensionSchema.parse(d));

export const gapFiltersArb = fc
  .oneof(
    { weight: 3, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.record(
        {
          from: fc
            .integer({ min: 0, max: 60 })
            .map((m) => new Date(START + m * MINUTE).toISOString()),
          to: fc
            .integer({ min: 60, max: 250 })
            .map((m) => new Date(START + m * MINUTE).toISOString()),
          channels: fc.subarray([...GAP_CHANNELS], { minLength: 1 }),
          segment: segmentArb,
        },
        { requiredKeys: [] },
      ),
    },
  )
  .map((filters) => JourneyFiltersSchema.parse(filters));
