import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  demoComments,
  englishAccuracies,
  englishHeldOut,
  hownetBaseline,
} from "../bench/sentiment-evaluation.ts";
import { buildModelFiles, MODEL_FILES } from "../scripts/train-sentiment.ts";
import { scoreSentiment } from "../src/core/text/sentiment.ts";
import { binaryAccuracy } from "../src/core/text/sentiment-training.ts";
import { defaultSegmenter } from "../src/text/default-segmenter.ts";

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("sentiment accuracy", () => {
  it("English (real data, held out): at least 0.80 and better than AFINN and VADER", () => {
    const { train, test } = englishHeldOut();
    expect(test.length).toBeGreaterThan(500);
    // No text of the held-out part was trained on.
    const trained = new Set(train.map((s) => s.text));
    expect(test.some((s) => trained.has(s.text))).toBe(false);
    const a = englishAccuracies(test);
    expect(a.model).toBeGreaterThanOrEqual(0.8);
    expect(a.model).toBeGreaterThan(a.afinn);
    expect(a.model).toBeGreaterThan(a.vader);
  });

  it("the shipped models are what scripts/train-sentiment.ts builds from data/sentiment", () => {
    const { files } = buildModelFiles();
    for (const language of ["en", "zh"] as const) {
      expect(files[language] === readFileSync(MODEL_FILES[language], "utf8"), language).toBe(true);
    }
  });

  it("trains a Chinese linear model from a labelled file when one is given", () => {
    const dir = mkdtempSync(join(tmpdir(), "jl-zh-"));
    try {
      // Synthetic: the demo's polar comments, only to exercise the training path.
      const file = join(dir, "zh.json");
      writeFileSync(file, JSON.stringify(demoComments("zh").polar));
      const { files, report } = buildModelFiles({ zhLabelled: file });
      const model = JSON.parse(files.zh);
      expect(model).toMatchObject({ kind: "linear", language: "zh", charBigrams: true });
      expect(model.features).toContain("#失败");
      expect(report.some((line) => line.startsWith("zh: chosen l2="))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Synthetic texts written for the demo, not real data: a sanity check of both languages on
  // customer-service wording, not an accuracy claim (docs/feedback.md).
  it("demo comments (synthetic): polar ones mostly right, neutral ones in between", () => {
    const segmenter = defaultSegmenter();
    for (const language of ["en", "zh"] as const) {
      const { polar, neutral } = demoComments(language);
      const score = (t: string) => scoreSentiment(t, { segmenter, language }).score as number;
      expect(
        binaryAccuracy(polar, (t) => score(t) >= 0),
        language,
      ).toBeGreaterThanOrEqual(0.75);
      const positive = mean(polar.filter((s) => s.label === 1).map((s) => score(s.text)));
      const negative = mean(polar.filter((s) => s.label === 0).map((s) => score(s.text)));
      const middle = mean(neutral.map(score));
      expect(positive, language).toBeGreaterThan(middle);
      expect(middle, language).toBeGreaterThan(negative);
    }
    const baseline = hownetBaseline(segmenter);
    const zh = demoComments("zh").polar;
    const model = binaryAccuracy(zh, (t) => (scoreSentiment(t, { segmenter }).score ?? 0) >= 0);
    expect(model).toBeGreaterThan(binaryAccuracy(zh, (t) => baseline(t) >= 0));
  });
});
