import { textTerms } from "../core/text/keywords.ts";
import { type SentimentResult, scoreSentiment as scoreWith } from "../core/text/sentiment.ts";
import { defaultSegmenter } from "./default-segmenter.ts";

/**
 * The application's one-call text API (jieba for Chinese): for other modules that need a
 * sentiment score (CX index, channel gaps). `src/core/text/sentiment.ts` has the pure version,
 * which takes a segmenter or falls back to dictionary matching.
 */
export function scoreSentiment(text: string): SentimentResult {
  return scoreWith(text, { segmenter: defaultSegmenter() });
}

/** Language, sentiment and the text's terms (stop words removed), as feedback analysis sees it. */
export function analyseText(text: string): SentimentResult & { terms: string[] } {
  const result = scoreSentiment(text);
  const terms =
    result.language === "en" || result.language === "zh"
      ? textTerms(text, result.language, defaultSegmenter())
      : [];
  return { ...result, terms };
}
