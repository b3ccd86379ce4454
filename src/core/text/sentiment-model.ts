import { z } from "zod";
import {
  chineseClauses,
  chineseFeatures,
  dictionarySegmenter,
  type Segmenter,
} from "./chinese-tokens.ts";
import { englishFeatures } from "./english-tokens.ts";

/**
 * Sentiment models, as shipped JSON (`src/core/text/models/`, written by
 * `scripts/train-sentiment.ts`). Two kinds:
 *
 * - `linear`: logistic regression over binary features; z = bias + Σ weights of the distinct
 *   features present (`en-words`: `englishFeatures`; `zh-words`: `chineseFeatures`).
 * - `lexicon`: a valence per word; z = Σ over sentiment words of valence × degree × (−1 when a
 *   negator precedes it in its clause); contributions before an adversative (但是, 不过 …) count
 *   half. For Chinese when no labelled data is available to train a linear model.
 *
 * Score = tanh(z / 2) ∈ (−1, 1) (for the linear model this is 2·P(positive) − 1). Label:
 * positive when score ≥ 0.2, negative when score ≤ −0.2, else neutral.
 */

const Language = z.enum(["en", "zh"]);

export const LinearModelSchema = z.object({
  kind: z.literal("linear"),
  language: Language,
  featureSet: z.enum(["en-words", "zh-words"]),
  /** zh-words only: also character bigrams. */
  charBigrams: z.boolean().default(false),
  /** en-words only: a word → valence lexicon for the `lex>=k` features. */
  lexicon: z.object({ words: z.array(z.string()), valences: z.array(z.number()) }).optional(),
  bias: z.number(),
  features: z.array(z.string()),
  weights: z.array(z.number()),
  source: z.string(),
});

export const LexiconModelSchema = z.object({
  kind: z.literal("lexicon"),
  language: Language,
  /** Sentiment words and their valence (+1 positive, −1 negative, other magnitudes allowed). */
  words: z.array(z.string()),
  valences: z.array(z.number()),
  negators: z.array(z.string()),
  /** Degree adverbs and their multiplier (极 2, 很 1.5, 较 1.25, 稍 0.5 …). */
  degree: z.record(z.string(), z.number()),
  adversatives: z.array(z.string()),
  source: z.string(),
});

export const SentimentModelSchema = z.discriminatedUnion("kind", [
  LinearModelSchema,
  LexiconModelSchema,
]);
export type SentimentModelJson = z.output<typeof SentimentModelSchema>;

export type SentimentLabel = "positive" | "neutral" | "negative";

/** |score| below this is neutral. */
export const NEUTRAL_BAND = 0.2;

export function sentimentLabel(score: number): SentimentLabel {
  if (score >= NEUTRAL_BAND) return "positive";
  if (score <= -NEUTRAL_BAND) return "negative";
  return "neutral";
}

export const scoreOf = (z: number) => Math.tanh(z / 2);

/** A model ready to score texts. */
export interface SentimentScorer {
  readonly language: "en" | "zh";
  /** The raw linear score z (log-odds for the linear model). */
  z(text: string, segment?: Segmenter): number;
}

function linearScorer(model: z.output<typeof LinearModelSchema>): SentimentScorer {
  if (model.features.length !== model.weights.length)
    throw new Error("sentiment model: features and weights differ in length");
  const weights = new Map(model.features.map((f, i) => [f, model.weights[i] as number]));
  const lexicon = model.lexicon
    ? new Map(model.lexicon.words.map((w, i) => [w, model.lexicon?.valences[i] as number]))
    : undefined;
  // Without a segmenter, Chinese words are found by maximum matching over the model's words.
  const fallback = dictionarySegmenter(model.features.filter((f) => !/^(#|not_|lex)/.test(f)));
  return {
    language: model.language,
    z(text, segment) {
      const features =
        model.featureSet === "en-words"
          ? englishFeatures(text, lexicon)
          : chineseFeatures(text, segment ?? fallback, { bigrams: model.charBigrams });
      let z = model.bias;
      for (const f of new Set(features)) z += weights.get(f) ?? 0;
      return z;
    },
  };
}

function lexiconScorer(model: z.output<typeof LexiconModelSchema>): SentimentScorer {
  const valence = new Map(model.words.map((w, i) => [w, model.valences[i] as number]));
  const negators = new Set(model.negators);
  const degree = new Map(Object.entries(model.degree));
  const adversatives = new Set(model.adversatives);
  const fallback = dictionarySegmenter([
    ...model.words,
    ...model.negators,
    ...degree.keys(),
    ...model.adversatives,
  ]);
  return {
    language: model.language,
    z(text, segment) {
      let before = 0;
      let after = 0;
      for (const words of chineseClauses(text, segment ?? fallback)) {
        let negated = false;
        let multiplier = 1;
        for (const word of words) {
          if (adversatives.has(word)) {
            before += after;
            after = 0;
          } else if (negators.has(word)) negated = !negated;
          else if (degree.has(word)) multiplier *= degree.get(word) as number;
          else {
            const v = valence.get(word);
            if (v === undefined) continue;
            after += v * multiplier * (negated ? -1 : 1);
            negated = false;
            multiplier = 1;
          }
        }
      }
      return before / 2 + after;
    },
  };
}

export function sentimentScorer(model: SentimentModelJson): SentimentScorer {
  return model.kind === "linear" ? linearScorer(model) : lexiconScorer(model);
}
