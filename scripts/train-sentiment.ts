/**
 * Builds the shipped sentiment models from the data in `data/sentiment/` (SOURCE.md):
 *
 * - English: logistic regression trained on the training part of the UCI Sentiment Labelled
 *   Sentences (fixed-seed held-out split; L2 chosen by cross-validation on the training part);
 * - Chinese: the HowNet + service lexicon model, or, with `--zh-labelled FILE`, a logistic
 *   regression over jieba words and character bigrams trained the same way on a labelled JSON
 *   file of `{ text, label: 0 | 1, source? }` (e.g. ChnSentiCorp or waimai_10k, when the
 *   project has such data).
 *
 * Usage: node --import tsx scripts/train-sentiment.ts [--zh-labelled FILE] [--check]
 * `--check` rebuilds and fails when the shipped files differ (nothing is written).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildChineseLexiconModel } from "../src/core/text/chinese-lexicon.ts";
import { sentimentScorer } from "../src/core/text/sentiment-model.ts";
import {
  binaryAccuracy,
  chineseFeaturiser,
  englishFeaturiser,
  type LabelledText,
  splitDataset,
  trainSentimentModel,
  type WordLexicon,
} from "../src/core/text/sentiment-training.ts";
import { defaultSegmenter } from "../src/text/default-segmenter.ts";

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));

export const EN_DATA = "data/sentiment/en-uci-labelled-sentences.json";
export const EN_LEXICON = "data/sentiment/en-vader-lexicon.json";
export const MODEL_FILES = {
  en: "src/core/text/models/sentiment-en.json",
  zh: "src/core/text/models/sentiment-zh.json",
};

/** The model files' text, as this script writes them. */
export function buildModelFiles(options: { zhLabelled?: string } = {}) {
  const english = readJson(root(EN_DATA)) as LabelledText[];
  const { train, test } = splitDataset(english);
  const vader = readJson(root(EN_LEXICON)) as WordLexicon;
  const lexicon = { words: vader.words, valences: vader.valences };
  const en = trainSentimentModel({
    language: "en",
    train,
    featurise: englishFeaturiser(lexicon),
    lexicon,
    source: `logistic regression trained by scripts/train-sentiment.ts on ${train.length} of ${english.length} sentences of ${EN_DATA} (UCI Sentiment Labelled Sentences), with the ${EN_LEXICON} lexicon features; ${test.length} held out`,
  });
  const enScorer = sentimentScorer(en.model);
  const report = [
    `en: cross-validation ${en.crossValidation.map((c) => `l2=${c.l2}: ${c.accuracy.toFixed(4)}`).join(", ")}; chosen l2=${en.l2}; ${en.model.kind === "linear" ? en.model.features.length : 0} weights; held-out accuracy ${binaryAccuracy(test, (t) => enScorer.z(t) >= 0).toFixed(4)} (n=${test.length})`,
  ];
  let zh: unknown;
  if (options.zhLabelled) {
    const chinese = readJson(options.zhLabelled) as LabelledText[];
    const split = splitDataset(chinese);
    // The segmenter the application scores with, so features match at run time.
    const segment = defaultSegmenter();
    const trained = trainSentimentModel({
      language: "zh",
      train: split.train,
      featurise: chineseFeaturiser(segment),
      source: `logistic regression trained by scripts/train-sentiment.ts on ${split.train.length} of ${chinese.length} texts of ${options.zhLabelled}; ${split.test.length} held out`,
    });
    const scorer = sentimentScorer(trained.model);
    report.push(
      `zh: chosen l2=${trained.l2}; held-out accuracy ${binaryAccuracy(split.test, (t) => scorer.z(t, segment) >= 0).toFixed(4)} (n=${split.test.length})`,
    );
    zh = trained.model;
  } else {
    zh = buildChineseLexiconModel(
      readJson(root("data/sentiment/zh-hownet-lexicon.json")),
      readJson(root("data/sentiment/zh-service-lexicon.json")),
    );
    report.push("zh: lexicon model (HowNet + service lexicon), no labelled Chinese data");
  }
  return {
    files: { en: `${JSON.stringify(en.model)}\n`, zh: `${JSON.stringify(zh)}\n` },
    report,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { "zh-labelled": { type: "string" }, check: { type: "boolean", default: false } },
  });
  const { files, report } = buildModelFiles({ zhLabelled: values["zh-labelled"] });
  for (const line of report) console.log(line);
  for (const language of ["en", "zh"] as const) {
    const path = root(MODEL_FILES[language]);
    if (values.check) {
      const same = readFileSync(path, "utf8") === files[language];
      console.log(`${MODEL_FILES[language]}: ${same ? "up to date" : "DIFFERS"}`);
      if (!same) process.exitCode = 1;
    } else {
      writeFileSync(path, files[language]);
      console.log(`wrote ${MODEL_FILES[language]}`);
    }
  }
}
