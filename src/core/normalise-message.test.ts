import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalChannel, resolveChannel } from "./channel.ts";
import { normaliseEmail, normalisePhone } from "./identifiers.ts";
import { contentId, normaliseMessage } from "./normalise-message.ts";

const receivedAt = new Date("2026-06-01T12:00:00Z");
const options = { sourceId: "src", receivedAt, defaultRegion: "US" as const };
const track = (fields: Record<string, unknown> = {}) => ({
  type: "track",
  event: "Order Completed",
  userId: "u1",
  messageId: "m1",
  ...fields,
});

describe("normaliseMessage", () => {
  it("keeps a valid track message and extracts identifiers and channel", () => {
    const outcome = normaliseMessage(
      track({
        properties: { channel: "Call Centre", revenue: 10 },
        context: { traits: { email: "  Ann@Example.COM", phone: "+44 20 7946 0958" } },
        timestamp: "2026-05-31T10:00:00Z",
      }),
      options,
    );
    expect(outcome).toMatchObject({
      ok: true,
      value: {
        messageId: "m1",
        event: "Order Completed",
        channel: "call_center",
        email: "ann@example.com",
        phone: "+442079460958",
        timestamp: new Date("2026-05-31T10:00:00Z"),
      },
    });
  });

  it.each([
    [{ userId: undefined }, "userId", "userId or anonymousId is required"],
    [{ userId: "", anonymousId: null }, "userId", "userId or anonymousId is required"],
    [{ event: undefined }, "event", "required for track messages"],
    [{ type: "purchase" }, "type", "must be one of track, identify, page, screen, group, alias"],
    [{ timestamp: "yesterday" }, "timestamp", "not an ISO-8601 date-time"],
    [{ timestamp: "2026-13-45T00:00:00Z" }, "timestamp", "not an ISO-8601 date-time"],
    [{ timestamp: "2026-06-03T12:00:00Z" }, "timestamp", "more than 24 hours in the future"],
    [{ properties: [1, 2] }, "properties", expect.stringContaining("expected object")],
    [{ context: "web" }, "context", expect.stringContaining("expected object")],
    [{ userId: { id: 1 } }, "userId", expect.any(String)],
  ])("drops %j naming the field", (fields, field, reason) => {
    expect(normaliseMessage(track(fields), options)).toEqual({ ok: false, field, reason });
  });

  it("drops text with a NUL character, which PostgreSQL cannot store, naming the field", () => {
    expect(normaliseMessage(track({ properties: { note: "a\u0000b" } }), options)).toEqual({
      ok: false,
      field: "properties",
      reason: "contains a NUL (U+0000) character",
    });
    expect(normaliseMessage(track({ event: "Bad\u0000" }), options)).toMatchObject({
      ok: false,
      field: "event",
    });
    // A backslash followed by "u0000" is ordinary text.
    expect(normaliseMessage(track({ properties: { path: "C:\\u0000" } }), options)).toMatchObject({
      ok: true,
    });
  });

  it("requires previousId on alias and groupId on group", () => {
    expect(normaliseMessage({ type: "alias", userId: "u" }, options)).toMatchObject({
      field: "previousId",
    });
    expect(normaliseMessage({ type: "group", userId: "u" }, options)).toMatchObject({
      field: "groupId",
    });
  });

  it("rejects non-objects", () => {
    for (const raw of [null, 3, "x", [track()]]) {
      expect(normaliseMessage(raw, options)).toEqual({
        ok: false,
        field: "message",
        reason: "must be a JSON object",
      });
    }
  });

  it("removes client clock skew when sentAt is known", () => {
    // The client's clock is 1 hour fast: it says it sent the message at 13:00 when we got it at 12:00.
    const outcome = normaliseMessage(
      track({ timestamp: "2026-06-01T12:59:00Z", sentAt: "2026-06-01T13:00:00Z" }),
      options,
    );
    expect(outcome.ok && outcome.value.timestamp.toISOString()).toBe("2026-06-01T11:59:00.000Z");
  });

  it("uses the batch envelope's context and sentAt under the message's own", () => {
    const outcome = normaliseMessage(track({ context: { app: { version: "5.1.0" } } }), {
      ...options,
      envelope: {
        context: { library: { name: "analytics-ios" }, app: { version: "1" } },
        sentAt: receivedAt.toISOString(),
      },
    });
    expect(outcome.ok && JSON.parse(outcome.value.context)).toEqual({
      library: { name: "analytics-ios" },
      app: { version: "5.1.0" },
    });
    expect(outcome.ok && outcome.value.channel).toBe("app");
  });

  it("checks the envelope's sentAt like the message's own, after the message's fields", () => {
    const envelope = { sentAt: "last tuesday" };
    expect(normaliseMessage(track(), { ...options, envelope })).toEqual({
      ok: false,
      field: "sentAt",
      reason: "not an ISO-8601 date-time",
    });
    expect(normaliseMessage(track({ userId: true }), { ...options, envelope })).toMatchObject({
      field: "userId",
    });
    // The message's own sentAt (even null) takes precedence over the envelope's.
    expect(normaliseMessage(track({ sentAt: null }), { ...options, envelope })).toMatchObject({
      ok: true,
      value: { sentAt: null },
    });
  });

  it("keeps the message's context as given when it is null or the envelope has none", () => {
    const envelope = { context: { library: { name: "analytics-ios" } } };
    const nullContext = normaliseMessage(track({ context: null }), { ...options, envelope });
    expect(nullContext.ok && nullContext.value.context).toBe("{}");
    const own = normaliseMessage(track({ context: { ip: "1.2.3.4" } }), {
      ...options,
      envelope: {},
    });
    expect(own.ok && JSON.parse(own.value.context)).toEqual({ ip: "1.2.3.4" });
  });

  it("measures the limit in UTF-8 bytes, exactly at the edge", () => {
    const base = normaliseMessage(track({ properties: {} }), options);
    const fixed = base.ok ? 2 + 2 + 2 + "m1u1Order Completed".length : 0; // {} {} {} and ids
    // "é" is 2 bytes in UTF-8: 10 of them in a string property add 20 + 8 bytes of JSON.
    const properties = { p: "é".repeat(10) };
    const size = fixed - 2 + Buffer.byteLength(JSON.stringify(properties));
    const at = { ...options, maxMessageBytes: size };
    expect(normaliseMessage(track({ properties }), at)).toMatchObject({ ok: true });
    expect(
      normaliseMessage(track({ properties }), { ...options, maxMessageBytes: size - 1 }),
    ).toEqual({
      ok: false,
      field: "message",
      reason: `${size} bytes, over the ${size - 1}-byte limit`,
    });
  });

  it("accepts finite numbers as ids and refuses NaN and Infinity", () => {
    const numeric = normaliseMessage(track({ userId: 42 }), options);
    expect(numeric.ok && numeric.value.userId).toBe("42");
    for (const userId of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(normaliseMessage(track({ userId }), options)).toEqual({
        ok: false,
        field: "userId",
        reason: "Invalid input",
      });
    }
  });

  it("takes identify traits from traits and other types' from context.traits", () => {
    const identify = normaliseMessage(
      { type: "identify", userId: "u", traits: { email: "A@B.CO" } },
      options,
    );
    expect(identify.ok && identify.value.email).toBe("a@b.co");
    const page = normaliseMessage(
      { type: "page", anonymousId: "a", name: "Home", traits: { email: "x@y.co" } },
      options,
    );
    expect(page.ok && page.value).toMatchObject({ email: null, event: "Home", channel: "web" });
  });

  it("gives a message without messageId a content id, stable across retries", () => {
    const a = normaliseMessage(
      track({ messageId: undefined, sentAt: "2026-06-01T11:00:00Z" }),
      options,
    );
    const b = normaliseMessage(
      track({ messageId: undefined, sentAt: "2026-06-01T11:00:05Z" }),
      options,
    );
    const c = normaliseMessage(track({ messageId: undefined, event: "Other" }), options);
    expect(a.ok && a.value.messageId).toMatch(/^jl-[0-9a-f]{32}$/);
    expect(a.ok && b.ok && a.value.messageId === b.value.messageId).toBe(true);
    expect(a.ok && c.ok && a.value.messageId !== c.value.messageId).toBe(true);
  });

  it("never throws and always names a field on arbitrary JSON input", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const outcome = normaliseMessage(raw, options);
        if (!outcome.ok) expect(outcome.field.length).toBeGreaterThan(0);
      }),
    );
    fc.assert(
      fc.property(
        fc.record({
          type: fc.constantFrom("track", "page", "screen", "identify"),
          userId: fc.string(),
          event: fc.string(),
          properties: fc.dictionary(fc.string(), fc.jsonValue()),
        }),
        (raw) => {
          const outcome = normaliseMessage(raw, options);
          if (outcome.ok) expect(JSON.parse(outcome.value.properties)).toBeTypeOf("object");
        },
      ),
    );
  });
});

describe("contentId", () => {
  it("ignores key order", () => {
    expect(contentId({ a: 1, b: { c: 2, d: 3 } })).toBe(contentId({ b: { d: 3, c: 2 }, a: 1 }));
    expect(contentId({ a: 1 })).not.toBe(contentId({ a: 2 }));
  });
});

describe("channels", () => {
  it("maps spellings to canonical channels", () => {
    expect(canonicalChannel("Call Centre")).toBe("call_center");
    expect(canonicalChannel("contact-center")).toBe("call_center");
    expect(canonicalChannel("POS")).toBe("store");
    expect(canonicalChannel("E-mail")).toBe("email");
    expect(canonicalChannel("carrier pigeon")).toBeUndefined();
  });

  it("prefers properties.channel, then a known context.channel, then inference", () => {
    const ctx = (context: Record<string, unknown>, properties: Record<string, unknown> = {}) =>
      resolveChannel({ type: "track", properties, context });
    expect(ctx({ channel: "email" }, { channel: "sms" })).toBe("sms");
    expect(ctx({ channel: "server" })).toBe("unknown");
    expect(ctx({ channel: "chat" })).toBe("chat");
    expect(ctx({ library: { name: "analytics.js" } })).toBe("web");
    expect(ctx({ library: { name: "analytics-android" } })).toBe("app");
    expect(resolveChannel({ type: "screen", properties: {}, context: {} })).toBe("app");
  });
});

describe("identifiers", () => {
  it("normalises emails and refuses non-emails", () => {
    expect(normaliseEmail("  Bob.Smith@Example.COM ")).toBe("bob.smith@example.com");
    expect(normaliseEmail("not an email")).toBeUndefined();
    expect(normaliseEmail(42)).toBeUndefined();
  });

  it("normalises phones to E.164 in the default region", () => {
    for (const written of ["(415) 555-2671", "+1 415-555-2671", "4155552671", "1-415-555-2671"]) {
      expect(normalisePhone(written, "US")).toBe("+14155552671");
    }
    expect(normalisePhone("138 0013 8000", "CN")).toBe("+8613800138000");
    expect(normalisePhone("0000000000", "US")).toBeUndefined();
    expect(normalisePhone("call me", "US")).toBeUndefined();
  });
});
