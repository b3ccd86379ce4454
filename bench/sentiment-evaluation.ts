import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Sentiment from "sentiment";
import vader from "vader-sentiment";
import { EN_DATA } from "../scripts/train-sentiment.ts";
import type { HowNetLexicon } from "../src/core/text/chinese-lexicon.ts";
import type { Segmenter } from "../src/core/text/chinese-tokens.ts";
import { chineseClauses } from "../src/core/text/chinese-tokens.ts";
import { scoreSentiment } from "../src/core/text/sentiment.ts";
import {
  binaryAccuracy,
  type LabelledText,
  splitDataset,
} from "../src/core/text/sentiment-training.ts";
import { COMMENTS } from "../src/demo/demo-comments.ts";

/**
 * Sentiment accuracy of the shipped models and of lexicon baselines, shared by
 * `bench/sentiment.bench.ts` (prints) and `test/sentiment-accuracy.test.ts` (asserts).
 * Binary accuracy: a text is called positive when its score (or the baseline's) is ≥ 0.
 */

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

export function englishHeldOut(): { train: LabelledText[]; test: LabelledText[] } {
  return splitDataset(JSON.parse(readFileSync(root(EN_DATA), "utf8")) as LabelledText[]);
}

const afinn = new Sentiment();

/** English accuracies on a labelled set: our model, AFINN (`sentiment`), VADER. */
export function englishAccuracies(samples: readonly LabelledText[]) {
  return {
    model: binaryAccuracy(samples, (t) => (scoreSentiment(t, { language: "en" }).score ?? 0) >= 0),
    afinn: binaryAccuracy(samples, (t) => afinn.analyze(t).comparative >= 0),
    vader: binaryAccuracy(
      samples,
      (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound >= 0,
    ),
  };
}

/**
 * The Chinese lexicon baseline: HowNet positive words minus negative words, as the jieba
 * tokens of the text find them (no negation, degree or domain words).
 */
export function hownetBaseline(segment: Segmenter): (text: string) => number {
  const hownet = JSON.parse(
    readFileSync(root("data/sentiment/zh-hownet-lexicon.json"), "utf8"),
  ) as HowNetLexicon;
  const positive = new Set(hownet.positive);
  const negative = new Set(hownet.negative);
  return (text) => {
    let z = 0;
    for (const word of chineseClauses(text, segment).flat()) {
      if (positive.has(word)) z++;
      if (negative.has(word)) z--;
    }
    return z;
  };
}

/** The demo's planted comments with their planted polarity (synthetic, not real data). */
export function demoComments(language: "en" | "zh") {
  const polar: LabelledText[] = [
    ...COMMENTS[language].positive.map((text) => ({ text, label: 1 as const })),
    ...COMMENTS[language].negative.map((text) => ({ text, label: 0 as const })),
  ];
  return { polar, neutral: [...COMMENTS[language].neutral] };
}
