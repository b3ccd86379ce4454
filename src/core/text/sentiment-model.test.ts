import { describe, expect, it } from "vitest";
import { chineseFeatures } from "./chinese-tokens.ts";
import { englishFeatures } from "./english-tokens.ts";
import { scoreSentiment } from "./sentiment.ts";
import {
  type SentimentModelJson,
  scoreOf,
  sentimentLabel,
  sentimentScorer,
} from "./sentiment-model.ts";

const chars = (text: string) => [...text];

describe("sentiment features", () => {
  it("marks English words after a negator until the clause ends, with bigrams and lexicon sums", () => {
    expect(englishFeatures("I don't like it. Great!")).toEqual([
      "i",
      "don't",
      "i don't",
      "not_like",
      "don't like",
      "not_it",
      "like it",
      "great",
      "!",
    ]);
    // like (2) negated + great (3) = 1
    const lexicon = new Map([
      ["like", 2],
      ["great", 3],
    ]);
    expect(englishFeatures("I don't like it. Great!", lexicon).slice(-1)).toEqual(["lex>=1"]);
    expect(englishFeatures("great, great", lexicon).filter((f) => f.startsWith("lex"))).toEqual([
      "lex>=1",
      "lex>=2",
      "lex>=4",
    ]);
  });

  it("marks Chinese words after a negator in the clause and adds character bigrams", () => {
    expect(chineseFeatures("不好，很棒", chars, { bigrams: true })).toEqual([
      "不",
      "not_好",
      "#不好",
      "很",
      "棒",
      "#很棒",
    ]);
  });
});

describe("sentiment models", () => {
  const linear: SentimentModelJson = {
    kind: "linear",
    language: "en",
    featureSet: "en-words",
    charBigrams: false,
    bias: -0.2,
    features: ["bad", "good", "not_good"],
    weights: [-2, 2, -1.5],
    source: "test",
  };

  it("scores a linear model as tanh(z / 2) of bias + the weights present", () => {
    const scorer = sentimentScorer(linear);
    const options = { language: "en" as const, scorers: { en: scorer, zh: scorer } };
    // z = -0.2 + 2 = 1.8 → tanh(0.9)
    expect(scoreSentiment("good", options)).toEqual({
      language: "en",
      score: 0.716298,
      label: "positive",
    });
    // z = -0.2 - 1.5 = -1.7 → tanh(-0.85)
    expect(scoreSentiment("not good", options).score).toBe(-0.691069);
    // z = -0.2 + 2 - 2 = -0.2 → tanh(-0.1): inside the neutral band
    expect(scoreSentiment("good but bad", options)).toMatchObject({
      score: -0.099668,
      label: "neutral",
    });
    // a repeated feature counts once
    expect(scoreSentiment("good good good", options).score).toBe(0.716298);
  });

  it("scores a lexicon model with negation, degree and adversatives", () => {
    const lexicon: SentimentModelJson = {
      kind: "lexicon",
      language: "zh",
      words: ["好", "差", "满意"],
      valences: [1, -1, 1.5],
      negators: ["不"],
      degree: { 很: 1.5 },
      adversatives: ["但是"],
      source: "test",
    };
    const z = sentimentScorer(lexicon).z;
    expect(z("很好")).toBe(1.5);
    expect(z("不好")).toBe(-1);
    expect(z("不差")).toBe(1);
    // 很满意 = 2.25 before 但是 counts half; 差 after it counts whole: 1.125 - 1
    expect(z("很满意，但是差")).toBeCloseTo(0.125, 12);
    expect(z("一般")).toBe(0);
  });

  it("labels by the ±0.2 band", () => {
    expect(sentimentLabel(0.2)).toBe("positive");
    expect(sentimentLabel(0.19)).toBe("neutral");
    expect(sentimentLabel(-0.19)).toBe("neutral");
    expect(sentimentLabel(-0.2)).toBe("negative");
    expect(scoreOf(0)).toBe(0);
  });

  it("leaves languages it does not analyse unscored", () => {
    expect(scoreSentiment("これはテストです")).toEqual({
      language: "other",
      score: null,
      label: null,
    });
    expect(scoreSentiment("!!!")).toEqual({ language: "und", score: null, label: null });
  });

  it("scores with the shipped models without a segmenter", () => {
    expect(scoreSentiment("Terrible service, I am very disappointed.").label).toBe("negative");
    expect(scoreSentiment("Excellent, friendly and fast. Love it!").label).toBe("positive");
    expect(scoreSentiment("服务很好，非常满意").label).toBe("positive");
    expect(scoreSentiment("态度很差，很失望").label).toBe("negative");
  });
});
