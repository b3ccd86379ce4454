/**
 * Sentiment benchmark: accuracy per language against lexicon baselines, and texts scored per
 * second. Run: npm run bench:sentiment
 */
import { scoreSentiment } from "../src/core/text/sentiment.ts";
import { binaryAccuracy } from "../src/core/text/sentiment-training.ts";
import { COMMENTS } from "../src/demo/demo-comments.ts";
import { defaultSegmenter } from "../src/text/default-segmenter.ts";
import {
  demoComments,
  englishAccuracies,
  englishHeldOut,
  hownetBaseline,
} from "./sentiment-evaluation.ts";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const segmenter = defaultSegmenter();

const { train, test } = englishHeldOut();
const en = englishAccuracies(test);
console.log(
  `English, UCI Sentiment Labelled Sentences, held-out ${test.length} of ${train.length + test.length} (real data):`,
);
console.log(
  `  model ${pct(en.model)}   AFINN (sentiment) ${pct(en.afinn)}   VADER ${pct(en.vader)}`,
);

const demoEn = englishAccuracies(demoComments("en").polar);
console.log("English, demo comments, positive vs negative (synthetic, not real data):");
console.log(
  `  model ${pct(demoEn.model)}   AFINN ${pct(demoEn.afinn)}   VADER ${pct(demoEn.vader)}`,
);

const zh = demoComments("zh").polar;
const baseline = hownetBaseline(segmenter);
console.log("Chinese: no real labelled data available; demo comments (synthetic, not real data):");
console.log(
  `  model ${pct(binaryAccuracy(zh, (t) => (scoreSentiment(t, { segmenter, language: "zh" }).score ?? 0) >= 0))}   HowNet count baseline ${pct(binaryAccuracy(zh, (t) => baseline(t) >= 0))}`,
);

for (const language of ["en", "zh"] as const) {
  const texts = [
    ...COMMENTS[language].positive,
    ...COMMENTS[language].neutral,
    ...COMMENTS[language].negative,
  ];
  const rounds = 50;
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const t of texts) scoreSentiment(t, { segmenter });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `throughput ${language}: ${Math.round((rounds * texts.length) / seconds).toLocaleString("en-US")} texts/s (language detection + sentiment${language === "zh" ? " + jieba" : ""})`,
  );
}
