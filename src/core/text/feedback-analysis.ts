import { matchesAny } from "../journeys/event-pattern.ts";
import { type StageModel, stageOf } from "../journeys/stage-model.ts";
import type { Segmenter } from "./chinese-tokens.ts";
import {
  type EmotionIndex,
  emotionIndexBy,
  emotionIndexOf,
  type ScoredItem,
} from "./emotion-index.ts";
import {
  inverseDocumentFrequency,
  type Keyword,
  keywords,
  type TermCount,
  termFrequencies,
  textKeywords,
  textTerms,
} from "./keywords.ts";
import type { TextLanguage } from "./language.ts";
import { type SentimentOptions, type SentimentResult, scoreSentiment } from "./sentiment.ts";
import type { SentimentLabel } from "./sentiment-model.ts";

/** One feedback text as read from the store (newest first). */
export interface FeedbackRow {
  messageId: string;
  profileId: string;
  event: string;
  /** The profile's event just before this one (in the filtered journey), if any. */
  previousEvent: string | null;
  channel: string;
  /** ms since the epoch */
  timestamp: number;
  text: string;
  /** `properties.touchpoint` and `properties.stage`, when the event has them. */
  touchpoint: string | null;
  stage: string | null;
}

export interface FeedbackOptions {
  stageModel: StageModel;
  contextEvents: readonly string[];
  language?: "en" | "zh";
  texts: number;
  keywords: number;
  terms: number;
  truncated: boolean;
  segmenter?: Segmenter;
  scorers?: SentimentOptions["scorers"];
}

export interface FeedbackText {
  messageId: string;
  profileId: string;
  timestamp: string;
  event: string;
  channel: string;
  touchpoint: string;
  stage: string;
  language: TextLanguage;
  score: number | null;
  label: SentimentLabel | null;
  keywords: string[];
  text: string;
}

export interface FeedbackResult {
  summary: {
    texts: number;
    /** Texts with a sentiment score (English and Chinese). */
    scored: number;
    truncated: boolean;
    languages: Record<TextLanguage, number>;
    labels: Record<SentimentLabel, number>;
    emotionIndex: EmotionIndex;
  };
  emotionIndex: { touchpoint: EmotionIndex[]; channel: EmotionIndex[]; stage: EmotionIndex[] };
  keywords: Keyword[];
  keywordsByLabel: Record<SentimentLabel, Keyword[]>;
  terms: TermCount[];
  texts: FeedbackText[];
}

const TEXT_KEYWORDS = 5;

interface Analysed {
  row: FeedbackRow;
  sentiment: SentimentResult;
  terms: string[];
  place: { touchpoint: string; stage: string };
}

/**
 * Where a text sits in the journey: `properties.touchpoint` / `properties.stage` when given (a
 * stage only when it is one of the model's); for context events (surveys) the previous event's
 * name and stage; otherwise the event's own.
 */
export function placeFeedback(
  row: FeedbackRow,
  options: Pick<FeedbackOptions, "stageModel" | "contextEvents">,
): { touchpoint: string; stage: string } {
  const rated =
    matchesAny(options.contextEvents, row.event) && row.previousEvent !== null
      ? row.previousEvent
      : row.event;
  const stageNames = new Set(options.stageModel.stages.map((s) => s.name));
  return {
    touchpoint: row.touchpoint ?? rated,
    stage:
      row.stage !== null && stageNames.has(row.stage)
        ? row.stage
        : stageOf(options.stageModel, rated),
  };
}

/** The feedback analysis of a set of texts (the reference; the use-case runs this too). */
export function analyseFeedback(
  rows: readonly FeedbackRow[],
  options: FeedbackOptions,
): FeedbackResult {
  const languages: Record<TextLanguage, number> = { zh: 0, en: 0, other: 0, und: 0 };
  const labels: Record<SentimentLabel, number> = { positive: 0, neutral: 0, negative: 0 };
  const analysed: Analysed[] = [];
  for (const row of rows) {
    const sentiment = scoreSentiment(row.text, {
      segmenter: options.segmenter,
      scorers: options.scorers,
    });
    if (options.language !== undefined && sentiment.language !== options.language) continue;
    languages[sentiment.language]++;
    if (sentiment.label) labels[sentiment.label]++;
    const terms =
      sentiment.language === "en" || sentiment.language === "zh"
        ? textTerms(row.text, sentiment.language, options.segmenter)
        : [];
    analysed.push({ row, sentiment, terms, place: placeFeedback(row, options) });
  }
  const docs = analysed.map((a) => a.terms);
  const idf = inverseDocumentFrequency(docs);
  const scored = analysed.filter((a) => a.sentiment.score !== null);
  const items = (key: (a: Analysed) => string): ScoredItem[] =>
    scored.map((a) => ({
      key: key(a),
      score: a.sentiment.score as number,
      label: a.sentiment.label as SentimentLabel,
    }));
  const byLabel = (label: SentimentLabel) =>
    keywords(
      scored.filter((a) => a.sentiment.label === label).map((a) => a.terms),
      idf,
      options.keywords,
    );
  return {
    summary: {
      texts: analysed.length,
      scored: scored.length,
      truncated: options.truncated,
      languages,
      labels,
      emotionIndex: emotionIndexOf(
        "all",
        items(() => "all"),
      ),
    },
    emotionIndex: {
      touchpoint: emotionIndexBy(items((a) => a.place.touchpoint)),
      channel: emotionIndexBy(items((a) => a.row.channel)),
      stage: emotionIndexBy(items((a) => a.place.stage)),
    },
    keywords: keywords(docs, idf, options.keywords),
    keywordsByLabel: {
      positive: byLabel("positive"),
      neutral: byLabel("neutral"),
      negative: byLabel("negative"),
    },
    terms: termFrequencies(docs, options.terms),
    texts: analysed.slice(0, options.texts).map(({ row, sentiment, terms, place }) => ({
      messageId: row.messageId,
      profileId: row.profileId,
      timestamp: new Date(row.timestamp).toISOString(),
      event: row.event,
      channel: row.channel,
      touchpoint: place.touchpoint,
      stage: place.stage,
      language: sentiment.language,
      score: sentiment.score,
      label: sentiment.label,
      keywords: textKeywords(terms, idf, TEXT_KEYWORDS),
      text: row.text,
    })),
  };
}
