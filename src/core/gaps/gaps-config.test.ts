import { describe, expect, it } from "vitest";
import { BrandVoiceConfigSchema, ContentAuditConfigSchema } from "./brand-voice-config.ts";
import { ContinuityConfigSchema, GapsConfigSchema } from "./gaps-config.ts";

describe("channel-consistency config defaults", () => {
  it("gaps: tests, weights, scales and the drill-down dimensions", () => {
    const gaps = GapsConfigSchema.parse(undefined);
    expect(gaps.weights).toEqual({
      completion: 1,
      failure: 0.5,
      time: 0.25,
      csat: 0.5,
      ces: 0.5,
      content: 0.5,
    });
    expect(gaps.scales).toEqual({ csat: [1, 5], ces: [1, 7] });
    expect(gaps.dimensions.map((d) => [d.key, d.source, d.path.join("."), d.label])).toEqual([
      ["context.app.version", "context", "app.version", "app version"],
      ["context.os.name", "context", "os.name", "OS"],
      ["context.os.version", "context", "os.version", "OS version"],
      ["context.device.type", "context", "device.type", "device type"],
      ["context.device.model", "context", "device.model", "device model"],
      ["browser", "browser", "", "browser"],
      ["context.locale", "context", "locale", "locale"],
      ["context.location.country", "context", "location.country", "country"],
      ["context.location.region", "context", "location.region", "region"],
      ["trait.segment", "trait", "segment", "segment"],
      ["trait.plan", "trait", "plan", "plan"],
      ["properties.product", "properties", "product", "product"],
    ]);
  });

  it("dimensions: traits spelled either way, custom labels, bad keys named", () => {
    const gaps = GapsConfigSchema.parse({
      dimensions: ["traits.tier", { key: "properties.transfer_type", label: "transfer type" }],
    });
    expect(gaps.dimensions.map((d) => [d.source, d.path, d.label, d.others])).toEqual([
      ["trait", ["tier"], "traits.tier", "other values"],
      ["properties", ["transfer_type"], "transfer type", "other values"],
    ]);
    const bad = GapsConfigSchema.safeParse({ dimensions: ["colour", "trait.a.b"] });
    expect(bad.error?.issues.map((i) => i.path)).toEqual([
      ["dimensions", 0],
      ["dimensions", 1],
    ]);
  });

  it("continuity, brand voice and content audit", () => {
    expect(ContinuityConfigSchema.parse({ ignoreChannels: ["E-mail", "SMS"] })).toEqual({
      windowMinutes: 60,
      ignoreChannels: ["e-mail", "sms"].map((c) => (c === "e-mail" ? "email" : c)),
    });
    const voice = BrandVoiceConfigSchema.parse(undefined);
    expect(voice.bannedTerms.map((t) => t.term)).toContain("稳赚");
    expect(voice.disclaimers[0]?.types).toEqual(["promotion", "rate_offer"]);
    expect(voice.maxLength).toEqual({
      sms: { words: 30, characters: 70 },
      push: { words: 20, characters: 40 },
    });
    expect(voice.readingLevel).toEqual({
      maxGrade: 10,
      maxSentenceCharacters: 50,
      minWords: 20,
      minCharacters: 40,
    });
    expect(ContentAuditConfigSchema.parse({ staleAfterDays: 7 }).staleAfterDays).toBe(7);
  });
});
