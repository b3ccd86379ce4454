import type { Segmenter } from "./chinese-tokens.ts";
import { detectLanguage, type TextLanguage } from "./language.ts";
import enModel from "./models/sentiment-en.json" with { type: "json" };
import zhModel from "./models/sentiment-zh.json" with { type: "json" };
import {
  type SentimentLabel,
  SentimentModelSchema,
  type SentimentScorer,
  scoreOf,
  sentimentLabel,
  sentimentScorer,
} from "./sentiment-model.ts";

/**
 * The shipped models (docs/feedback.md): English logistic regression trained on the UCI
 * Sentiment Labelled Sentences, Chinese HowNet + service lexicon. Parsed once, on first use.
 */
let shipped: Record<"en" | "zh", SentimentScorer> | undefined;

export function shippedScorers(): Record<"en" | "zh", SentimentScorer> {
  shipped ??= {
    en: sentimentScorer(SentimentModelSchema.parse(enModel)),
    zh: sentimentScorer(SentimentModelSchema.parse(zhModel)),
  };
  return shipped;
}

export interface SentimentResult {
  language: TextLanguage;
  /** −1 (negative) … 1 (positive); null when the language is not analysed (other, und). */
  score: number | null;
  label: SentimentLabel | null;
}

export interface SentimentOptions {
  /** Chinese word segmentation (jieba in the application); default: the model's dictionary. */
  segmenter?: Segmenter;
  /** Skip detection when the language is known. */
  language?: TextLanguage;
  scorers?: Record<"en" | "zh", SentimentScorer>;
}

/** Language, sentiment score (−1..1) and label of one text. */
export function scoreSentiment(text: string, options: SentimentOptions = {}): SentimentResult {
  const language = options.language ?? detectLanguage(text);
  if (language !== "en" && language !== "zh") return { language, score: null, label: null };
  const scorer = (options.scorers ?? shippedScorers())[language];
  // Rounded: six decimals are plenty for a score and keep JSON output stable.
  const score = Math.round(scoreOf(scorer.z(text, options.segmenter)) * 1e6) / 1e6;
  return { language, score, label: sentimentLabel(score) };
}
