import { describe, expect, it } from "vitest";
import { normaliseMessage } from "../normalise-message.ts";
import type { StoredEvent } from "../stored-event.ts";
import { Blocklist } from "./blocklist.ts";
import { eventFields, extractIdentifiers } from "./extract-identifiers.ts";
import { parseIdentifierInput } from "./identifier.ts";
import { DEFAULT_IDENTITY_OPTIONS, knownTypes, typeOfPath } from "./identity-options.ts";

let sequence = 0;
/** A stored event made by the real normalisation step. */
function event(message: Record<string, unknown>): StoredEvent {
  sequence++;
  const outcome = normaliseMessage(
    { messageId: `m${sequence}`, timestamp: "2026-01-01T00:00:00Z", ...message },
    { sourceId: "test", receivedAt: new Date("2026-02-01T00:00:00Z"), defaultRegion: "US" },
  );
  if (!outcome.ok) throw new Error(`${outcome.field}: ${outcome.reason}`);
  return outcome.value;
}

const blocklist = new Blocklist(DEFAULT_IDENTITY_OPTIONS);
const extract = (message: Record<string, unknown>, options = DEFAULT_IDENTITY_OPTIONS) =>
  extractIdentifiers(eventFields(event(message)), options, new Blocklist(options));

describe("identifier extraction", () => {
  it("reads ids, identify traits and extra keys, normalised", () => {
    const result = extract({
      type: "identify",
      userId: "u1",
      anonymousId: "a1",
      traits: { email: "  Ann@Example.COM ", phone: "(415) 555-2671", crm_id: " C9 " },
      context: { device: { id: "DEV-1" } },
    });
    expect(result.keys).toEqual([
      "user_id:u1",
      "anonymous_id:a1",
      "email:ann@example.com",
      "phone:+14155552671",
      "crm_id:C9",
      "device_id:DEV-1",
    ]);
    expect(result.rejections).toEqual([]);
  });

  it("reads context.traits on track events and an alias's previousId as an anonymousId", () => {
    expect(
      extract({
        type: "track",
        event: "Viewed",
        anonymousId: "a2",
        context: { traits: { email: "bo@example.org", crm_id: 42 } },
      }).keys,
    ).toEqual(["anonymous_id:a2", "email:bo@example.org", "crm_id:42"]);
    expect(extract({ type: "alias", userId: "u2", previousId: "a3" }).keys).toEqual([
      "user_id:u2",
      "anonymous_id:a3",
    ]);
  });

  it("leaves out placeholders and invalid values, with the reason", () => {
    const result = extract({
      type: "identify",
      userId: "undefined",
      anonymousId: "a4",
      traits: { email: "Test@Test.com", phone: "0000000000", crm_id: { nested: true } },
      context: { device: { id: "00000000-0000-0000-0000-000000000000" } },
    });
    expect(result.keys).toEqual(["anonymous_id:a4"]);
    expect(result.rejections.map((r) => `${r.type} ${r.reason}`)).toEqual([
      "user_id blocklisted",
      "email blocklisted",
      "phone invalid phone",
      "crm_id not a usable value",
      "device_id all zeros",
    ]);
  });
});

describe("blocklist", () => {
  it("has defaults, normalises config additions and catches placeholder phones", () => {
    const custom = new Blocklist({
      ...DEFAULT_IDENTITY_OPTIONS,
      blocklist: { phone: ["(212) 736-5000"], "*": ["Unknown Customer"], email: ["X@Y.com"] },
    });
    expect(blocklist.check("email", "none@none.com")).toBe("blocklisted");
    expect(blocklist.check("user_id", "NULL")).toBe("blocklisted");
    expect(blocklist.check("anonymous_id", "n/a")).toBe("blocklisted");
    expect(blocklist.check("phone", "+15555555555")).toBe("repeated digits");
    expect(blocklist.check("phone", "+11234567890")).toBe("repeated digits");
    expect(blocklist.check("phone", "+14155552671")).toBeUndefined();
    expect(blocklist.check("email", "ann@example.com")).toBeUndefined();
    expect(custom.check("phone", "+12127365000")).toBe("blocklisted");
    expect(custom.check("crm_id", "unknown customer")).toBe("blocklisted");
    expect(custom.check("email", "x@y.com")).toBe("blocklisted");
    expect(blocklist.check("phone", "+12127365000")).toBeUndefined();
  });
});

describe("identifier input", () => {
  const types = knownTypes(DEFAULT_IDENTITY_OPTIONS);
  it("reads type:value and bare values", () => {
    expect(parseIdentifierInput("email: Ann@X.org", DEFAULT_IDENTITY_OPTIONS, types)).toEqual([
      { type: "email", value: "ann@x.org" },
    ]);
    expect(parseIdentifierInput("Ann@X.org", DEFAULT_IDENTITY_OPTIONS, types)).toContainEqual({
      type: "email",
      value: "ann@x.org",
    });
    expect(parseIdentifierInput("415-555-2671", DEFAULT_IDENTITY_OPTIONS, types)).toContainEqual({
      type: "phone",
      value: "+14155552671",
    });
    // An unknown prefix is part of the value (ids may contain colons).
    expect(parseIdentifierInput("urn:x:1", DEFAULT_IDENTITY_OPTIONS, types)).toContainEqual({
      type: "user_id",
      value: "urn:x:1",
    });
  });

  it("names extra key types from their paths", () => {
    expect(typeOfPath(["traits", "crm_id"])).toBe("crm_id");
    expect(typeOfPath(["context", "device", "id"])).toBe("device_id");
    expect(typeOfPath(["properties", "Loyalty Number"])).toBe("loyalty_number");
  });
});
