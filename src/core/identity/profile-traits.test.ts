import { describe, expect, it } from "vitest";
import { normaliseMessage } from "../normalise-message.ts";
import type { StoredEvent } from "../stored-event.ts";
import { computeTraits, stageOf } from "./computed-traits.ts";
import { explainProfile } from "./explain.ts";
import { mergeTraits } from "./profile-traits.ts";

let sequence = 0;
function event(message: Record<string, unknown>, sourceId = "web-src"): StoredEvent {
  sequence++;
  const outcome = normaliseMessage(
    { messageId: `t${sequence}`, userId: "u1", ...message },
    { sourceId, receivedAt: new Date("2026-03-01T00:00:00Z"), defaultRegion: "US" },
  );
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.value;
}

describe("trait merge", () => {
  const events = [
    event(
      {
        type: "identify",
        timestamp: "2026-01-01T00:00:00Z",
        traits: { plan: "basic", city: "Boston" },
      },
      "crm",
    ),
    event({
      type: "identify",
      timestamp: "2026-02-01T00:00:00Z",
      traits: { plan: "plus", name: "Ann" },
    }),
    event({
      type: "track",
      event: "Viewed",
      timestamp: "2026-02-02T00:00:00Z",
      context: { traits: { name: "Ann W" } },
    }),
    event({
      type: "group",
      groupId: "g1",
      timestamp: "2026-02-03T00:00:00Z",
      traits: { name: "Acme" },
    }),
  ];

  it("takes the latest value and says where it came from; group traits are not the person's", () => {
    const traits = mergeTraits(events);
    expect(traits.plan).toMatchObject({ value: "plus", sourceId: "web-src" });
    expect(traits.name).toMatchObject({ value: "Ann W", timestamp: "2026-02-02T00:00:00.000Z" });
    expect(traits.city).toMatchObject({ value: "Boston", sourceId: "crm" });
  });

  it("lets a priority source win over later values, in any order", () => {
    const traits = mergeTraits([...events].reverse(), ["crm"]);
    expect(traits.plan).toMatchObject({ value: "basic", sourceId: "crm" });
    expect(traits.name).toMatchObject({ value: "Ann W" });
  });
});

describe("computed traits", () => {
  it("counts channels, first and last seen, stage and lifetime value", () => {
    const computed = computeTraits([
      event({ type: "page", name: "Home", timestamp: "2026-01-01T00:00:00Z" }),
      event({
        type: "track",
        event: "Product Viewed",
        timestamp: "2026-01-02T00:00:00Z",
        properties: { channel: "app" },
      }),
      event({
        type: "track",
        event: "Order Completed",
        timestamp: "2026-01-03T00:00:00Z",
        properties: { revenue: 19.99, channel: "app" },
      }),
      event({
        type: "track",
        event: "Order Completed",
        timestamp: "2026-01-04T00:00:00Z",
        properties: { revenue: "5.01", channel: "store" },
      }),
    ]);
    expect(computed).toEqual({
      firstSeen: "2026-01-01T00:00:00.000Z",
      lastSeen: "2026-01-04T00:00:00.000Z",
      eventCount: 4,
      channels: { app: 2, store: 1, web: 1 },
      furthestStage: "purchase",
      lifetimeValue: 25,
      revenueEvents: 2,
    });
    expect(stageOf({ type: "track", event: "Referral Sent" })).toBe("loyalty");
    expect(stageOf({ type: "track", event: "Account Closed" })).toBeUndefined();
  });
});

describe("explain", () => {
  it("traces each identifier to the lead and names links kept out", () => {
    const node = (key: string, profileId = "p1") => ({
      key,
      profileId,
      componentId: "c",
      status: "linked" as const,
      firstSeen: 0,
      firstMessageId: "m0",
    });
    const e = (a: string, b: string, t: number) => ({
      a,
      b,
      firstSeen: t,
      firstMessageId: `m${t}`,
    });
    const result = explainProfile({
      profileId: "p1",
      members: [node("user_id:u1"), node("email:a@x.org"), node("anonymous_id:a1")],
      edges: [
        e("email:a@x.org", "user_id:u1", 1),
        e("anonymous_id:a1", "email:a@x.org", 2),
        e("anonymous_id:a1", "user_id:u2", 3),
      ],
      outside: new Map([["user_id:u2", node("user_id:u2", "p2")]]),
      conflicts: [
        {
          componentId: "c",
          kind: "limit",
          type: "user_id",
          identifiers: ["user_id:u1", "user_id:u2"],
          detail: "2 user_id values",
        },
      ],
    });
    expect(result.lead).toBe("user_id:u1");
    expect(result.identifiers[2]).toMatchObject({
      identifier: "anonymous_id:a1",
      via: { identifier: "email:a@x.org", messageId: "m2" },
      path: ["user_id:u1", "email:a@x.org", "anonymous_id:a1"],
    });
    expect(result.keptOut).toEqual([
      expect.objectContaining({
        identifier: "anonymous_id:a1",
        other: "user_id:u2",
        otherProfileId: "p2",
        reasonCode: "limit",
        reason: "limit: 2 user_id values",
      }),
    ]);
  });
});
