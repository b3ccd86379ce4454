import { describe, expect, it } from "vitest";
import {
  inverseDocumentFrequency,
  keywords,
  termFrequencies,
  textKeywords,
  textTerms,
} from "./keywords.ts";

describe("terms, term frequencies and TF-IDF keywords", () => {
  const docs = [
    ["a", "b", "a"],
    ["b", "c"],
  ];

  it("computes smoothed idf and summed tf-idf by hand", () => {
    const idf = inverseDocumentFrequency(docs);
    // N = 2; df(a) = df(c) = 1, df(b) = 2: idf = ln(3/2) + 1 and ln(3/3) + 1
    expect(idf.get("a")).toBeCloseTo(1.405465, 6);
    expect(idf.get("b")).toBe(1);
    // a: 2/3 · 1.405465; b: 1/3 · 1 + 1/2 · 1; c: 1/2 · 1.405465
    expect(keywords(docs, idf, 10)).toEqual([
      { term: "a", weight: 0.936977, documents: 1 },
      { term: "b", weight: 0.833333, documents: 2 },
      { term: "c", weight: 0.702733, documents: 1 },
    ]);
    expect(keywords(docs, idf, 1).map((k) => k.term)).toEqual(["a"]);
    expect(textKeywords(["b", "c"], idf, 1)).toEqual(["c"]);
  });

  it("counts term frequencies for a word cloud, ties by term", () => {
    expect(termFrequencies(docs, 10)).toEqual([
      { term: "a", count: 2, documents: 1 },
      { term: "b", count: 2, documents: 2 },
      { term: "c", count: 1, documents: 1 },
    ]);
  });

  it("drops stop words, digits and one-character Han words", () => {
    expect(textTerms("The transfer failed twice, the app crashed 3 times!", "en")).toEqual([
      "transfer",
      "failed",
      "twice",
      "app",
      "crashed",
      "times",
    ]);
    const bySpace = (text: string) => text.split(" ");
    expect(textTerms("客服 的 态度 很 差 我们 问题 App", "zh", bySpace)).toEqual([
      "客服",
      "态度",
      "问题",
      "app",
    ]);
  });
});
