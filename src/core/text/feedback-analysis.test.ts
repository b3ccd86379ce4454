import { describe, expect, it } from "vitest";
import { DEFAULT_STAGE_MODEL } from "../journeys/stage-model.ts";
import { analyseFeedback, type FeedbackRow, placeFeedback } from "./feedback-analysis.ts";

const row = (overrides: Partial<FeedbackRow>): FeedbackRow => ({
  messageId: "m1",
  profileId: "p1",
  event: "Survey Responded",
  previousEvent: null,
  channel: "app",
  timestamp: Date.UTC(2026, 0, 5),
  text: "Great app",
  touchpoint: null,
  stage: null,
  ...overrides,
});

const options = { stageModel: DEFAULT_STAGE_MODEL, contextEvents: ["Survey Responded"] };

describe("placing feedback in the journey", () => {
  it("gives surveys the touchpoint and stage of the event they rate", () => {
    expect(placeFeedback(row({ previousEvent: "Order Completed" }), options)).toEqual({
      touchpoint: "Order Completed",
      stage: "purchase",
    });
    expect(placeFeedback(row({}), options)).toEqual({
      touchpoint: "Survey Responded",
      stage: "service",
    });
  });

  it("prefers properties.touchpoint and a known properties.stage", () => {
    const placed = placeFeedback(
      row({ previousEvent: "Order Completed", touchpoint: "checkout", stage: "loyalty" }),
      options,
    );
    expect(placed).toEqual({ touchpoint: "checkout", stage: "loyalty" });
    expect(placeFeedback(row({ stage: "nonsense" }), options).stage).toBe("service");
  });

  it("keeps a non-survey event's own place", () => {
    const review = row({ event: "Review Submitted", previousEvent: "Order Completed" });
    expect(placeFeedback(review, options)).toEqual({
      touchpoint: "Review Submitted",
      stage: "loyalty",
    });
  });
});

describe("analyseFeedback", () => {
  const rows = [
    row({ messageId: "m1", text: "Terrible app, it keeps crashing.", channel: "app" }),
    row({ messageId: "m2", text: "Excellent service, very friendly staff!", channel: "branch" }),
    row({ messageId: "m3", text: "これはテストです", channel: "web" }),
  ];

  it("counts languages and labels, groups emotion indexes, returns texts in order", () => {
    const result = analyseFeedback(rows, {
      ...options,
      texts: 2,
      keywords: 5,
      terms: 5,
      truncated: false,
    });
    expect(result.summary).toMatchObject({
      texts: 3,
      scored: 2,
      languages: { en: 2, zh: 0, other: 1, und: 0 },
      labels: { positive: 1, neutral: 0, negative: 1 },
    });
    expect(result.texts.map((t) => [t.messageId, t.label])).toEqual([
      ["m1", "negative"],
      ["m2", "positive"],
    ]);
    const channels = result.emotionIndex.channel.map((c) => c.key).sort();
    expect(channels).toEqual(["app", "branch"]);
    const app = result.emotionIndex.channel.find((c) => c.key === "app");
    expect(app?.index).toBe(Math.round((result.texts[0]?.score as number) * 10000) / 100);
    expect(result.keywordsByLabel.negative.map((k) => k.term)).toContain("crashing");
    expect(result.terms.map((t) => t.term)).toContain("app");
  });

  it("keeps one language when asked", () => {
    const result = analyseFeedback(rows, {
      ...options,
      language: "zh",
      texts: 10,
      keywords: 5,
      terms: 5,
      truncated: false,
    });
    expect(result.summary.texts).toBe(0);
    expect(result.summary.emotionIndex).toMatchObject({ n: 0, index: 0 });
  });
});
