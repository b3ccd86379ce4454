/** Text analytics on feedback (docs/feedback.md): the pure core. */
export type { Segmenter } from "./chinese-tokens.ts";
export { dictionarySegmenter } from "./chinese-tokens.ts";
export { type EmotionIndex, emotionIndexBy, emotionIndexOf } from "./emotion-index.ts";
export { analyseFeedback, type FeedbackResult, type FeedbackRow } from "./feedback-analysis.ts";
export { FeedbackConfigSchema, FeedbackSpecSchema } from "./feedback-spec.ts";
export { keywords, termFrequencies, textKeywords, textTerms } from "./keywords.ts";
export { detectLanguage, type TextLanguage } from "./language.ts";
export { type SentimentResult, scoreSentiment } from "./sentiment.ts";
export { NEUTRAL_BAND, type SentimentLabel, sentimentLabel } from "./sentiment-model.ts";
