import { describe, expect, it } from "vitest";
import { emotionIndexBy, emotionIndexOf } from "./emotion-index.ts";

describe("emotion index", () => {
  it("is 100 × the mean score with a Student t interval, computed by hand", () => {
    const items = [
      { key: "app", score: 0.5, label: "positive" as const },
      { key: "app", score: -0.1, label: "neutral" as const },
      { key: "app", score: 0.2, label: "positive" as const },
    ];
    // mean 0.2, sd 0.3, t(0.975, 2) = 4.302653: half-width 4.302653 · 0.3 / √3 = 0.745241
    expect(emotionIndexOf("app", items)).toEqual({
      key: "app",
      n: 3,
      index: 20,
      low: -54.52,
      high: 94.52,
      positive: 2,
      neutral: 1,
      negative: 0,
    });
  });

  it("groups by key, biggest first, unknown for missing keys, no interval for one text", () => {
    const groups = emotionIndexBy([
      { key: "web", score: -0.5, label: "negative" },
      { key: null, score: 0.3, label: "positive" },
      { key: "app", score: 0.1, label: "neutral" },
      { key: "app", score: 0.3, label: "positive" },
    ]);
    expect(groups.map((g) => [g.key, g.n, g.index])).toEqual([
      ["app", 2, 20],
      ["unknown", 1, 30],
      ["web", 1, -50],
    ]);
    expect(groups[2]).toMatchObject({ low: null, high: null });
  });
});
