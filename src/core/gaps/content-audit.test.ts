import { describe, expect, it } from "vitest";
import type { AppError } from "../app-error.ts";
import { auditContent, contentChannelCounts } from "./content-audit.ts";
import { compareVersions, parseContentItems } from "./content-items.ts";
import { factValue, sameFact } from "./fact-value.ts";

const OPTIONS = { staleAfterDays: 0, copyFields: ["text"] };

describe("fact values", () => {
  it("reads numbers with units, full-width digits and thousands separators", () => {
    expect(factValue("3.50%")).toEqual({ kind: "number", value: 3.5, unit: "%" });
    expect(factValue("３.５０％")).toEqual({ kind: "number", value: 3.5, unit: "%" });
    expect(factValue("¥1,200")).toEqual({ kind: "number", value: 1200, unit: "CNY" });
    expect(factValue("1200元")).toEqual({ kind: "number", value: 1200, unit: "CNY" });
    expect(factValue("USD 25")).toEqual({ kind: "number", value: 25, unit: "USD" });
    expect(factValue("  Variable  rate ")).toEqual({ kind: "text", value: "variable rate" });
  });

  it("compares numbers by value and unit; a missing unit matches", () => {
    expect(sameFact(factValue("3.5%"), factValue("3.50 %"))).toBe(true);
    expect(sameFact(factValue("$95"), factValue("95"))).toBe(true);
    expect(sameFact(factValue("$95"), factValue("¥95"))).toBe(false);
    expect(sameFact(factValue("3.25%"), factValue("3.5%"))).toBe(false);
  });

  it("orders versions numerically", () => {
    expect(compareVersions("1.10", "1.9")).toBeGreaterThan(0);
    expect(compareVersions("2", "10")).toBeLessThan(0);
    expect(compareVersions("3.0", "3.0")).toBe(0);
  });
});

describe("content items", () => {
  it("maps reserved columns and keeps the rest as fields", () => {
    const [item] = parseContentItems([
      {
        Key: "sav",
        channel: "Call Centre",
        Lang: "zh-CN",
        message_type: "Promotion",
        updatedAt: "2026-10-01",
        rate: 3.5,
        empty: "",
      },
    ]);
    expect(item).toEqual({
      row: 0,
      key: "sav",
      channel: "call_center",
      language: "zh",
      type: "promotion",
      updatedAt: Date.parse("2026-10-01"),
      version: null,
      fields: { rate: "3.5" },
    });
  });

  it("detects the language of items without one", () => {
    const items = parseContentItems([
      { key: "a", channel: "web", title: "高收益储蓄账户" },
      { key: "a", channel: "app", title: "High-Yield Savings" },
    ]);
    expect(items.map((i) => i.language)).toEqual(["zh", "en"]);
  });

  it("names the row and column of a bad item", () => {
    const fail = (raw: Record<string, unknown>[]) => {
      try {
        parseContentItems(raw);
      } catch (error) {
        return (error as AppError).field;
      }
    };
    expect(fail([{ key: "a", channel: "web" }, { key: "b" }])).toBe("items.1.channel");
    expect(fail([{ channel: "web" }])).toBe("items.0.key");
    expect(fail([{ key: "a", channel: "web", updated_at: "yesterday" }])).toBe(
      "items.0.updated_at",
    );
  });
});

describe("content audit", () => {
  const items = parseContentItems([
    {
      key: "sav",
      channel: "web",
      language: "en",
      type: "product",
      version: 3,
      title: "High-Yield Savings",
      rate: "3.50%",
    },
    {
      key: "sav",
      channel: "web",
      language: "zh",
      type: "product",
      version: 3,
      title: "高收益储蓄",
      rate: "3.50%",
    },
    {
      key: "sav",
      channel: "app",
      language: "en",
      type: "product",
      version: 3,
      title: "High Yield Savings",
      rate: "3.5%",
    },
    {
      key: "sav",
      channel: "app",
      language: "zh",
      type: "product",
      version: 2,
      title: "高收益储蓄",
      rate: "3.25%",
    },
    { key: "card", channel: "web", language: "en", type: "product", version: 1, fee: "$95" },
    {
      key: "promo",
      channel: "sms",
      language: "en",
      type: "promotion",
      rate: "3.5%",
      text: "Earn 3.5%",
    },
  ]);
  const audit = auditContent(items, OPTIONS);

  it("finds conflicting facts: numbers across languages, texts within a language", () => {
    expect(audit.conflicts.map((c) => [c.key, c.field, c.language, c.channels])).toEqual([
      ["sav", "rate", null, ["app"]],
      ["sav", "title", "en", ["app"]],
    ]);
    const rate = audit.conflicts[0];
    expect(rate?.reference).toMatchObject({ channel: "web", value: "3.50%" });
  });

  it("finds items missing on a channel that carries their type", () => {
    // card is a product: expected on web and app (not on sms, which carries promotions).
    expect(audit.missing).toEqual([{ key: "card", channel: "app", language: null }]);
    const everywhere = auditContent(items, { ...OPTIONS, channels: ["web", "app", "sms"] });
    expect(everywhere.missing.filter((m) => m.key === "promo").map((m) => m.channel)).toEqual([
      "app",
      "web",
    ]);
  });

  it("finds stale versions that differ from the latest", () => {
    expect(audit.stale).toEqual([
      {
        key: "sav",
        channel: "app",
        language: "zh",
        updatedAt: null,
        version: "2",
        latest: { channel: "web", updatedAt: null, version: "3" },
        fields: ["rate"],
      },
    ]);
  });

  it("counts flagged items per channel", () => {
    expect(contentChannelCounts(audit)).toEqual([
      { channel: "app", items: 2, flagged: 2 },
      { channel: "sms", items: 1, flagged: 0 },
      { channel: "web", items: 2, flagged: 0 },
    ]);
  });

  it("with staleAfterDays, only versions older by that much are stale", () => {
    const dated = parseContentItems([
      { key: "a", channel: "web", updated_at: "2026-10-10", rate: "2%" },
      { key: "a", channel: "app", updated_at: "2026-10-08", rate: "1%" },
    ]);
    expect(auditContent(dated, OPTIONS).stale).toHaveLength(1);
    expect(auditContent(dated, { ...OPTIONS, staleAfterDays: 3 }).stale).toHaveLength(0);
  });
});
