import { CHINESE_NEGATORS } from "./chinese-tokens.ts";
import type { SentimentModelJson } from "./sentiment-model.ts";

/** `data/sentiment/zh-hownet-lexicon.json` (see data/sentiment/SOURCE.md). */
export interface HowNetLexicon {
  source: string;
  positive: string[];
  negative: string[];
  negators: string[];
  degree: { extreme: string[]; very: string[]; more: string[]; ish: string[] };
}

/** `data/sentiment/zh-service-lexicon.json`: hand-written service vocabulary with valences. */
export interface ServiceLexicon {
  source: string;
  /** The only one-character words kept from HowNet (its single characters are mostly noise). */
  singleCharacters: string[];
  positive: Record<string, number>;
  negative: Record<string, number>;
}

/** Degree multipliers of HowNet's four degree classes. */
export const DEGREE_MULTIPLIER = { extreme: 2, very: 1.5, more: 1.25, ish: 0.5 } as const;

/** A later clause opened by one of these outweighs what came before it. */
export const ADVERSATIVES = ["但", "但是", "不过", "可是", "然而", "却", "只是"];

/**
 * The Chinese lexicon model: HowNet's positive (+1) and negative (−1) words, minus those listed
 * as both and minus one-character entries not in the service lexicon's short list, then the
 * service lexicon's words with their own valences on top.
 */
export function buildChineseLexiconModel(
  hownet: HowNetLexicon,
  service: ServiceLexicon,
): SentimentModelJson {
  const singles = new Set(service.singleCharacters);
  const keep = (w: string) => [...w].length > 1 || singles.has(w);
  const negative = new Set(hownet.negative);
  const valence = new Map<string, number>();
  for (const w of hownet.positive) if (!negative.has(w) && keep(w)) valence.set(w, 1);
  const positive = new Set(hownet.positive);
  for (const w of hownet.negative) if (!positive.has(w) && keep(w)) valence.set(w, -1);
  for (const [w, v] of Object.entries(service.positive)) valence.set(w, v);
  for (const [w, v] of Object.entries(service.negative)) valence.set(w, -v);

  const negators = [...new Set([...CHINESE_NEGATORS, ...hownet.negators])].sort();
  const degree: Record<string, number> = {};
  for (const cls of ["ish", "more", "very", "extreme"] as const) {
    for (const w of hownet.degree[cls]) degree[w] = DEGREE_MULTIPLIER[cls];
  }
  // A word that is a negator or an adversative is not also a sentiment or degree word.
  for (const w of [...negators, ...ADVERSATIVES]) {
    valence.delete(w);
    delete degree[w];
  }
  for (const w of Object.keys(degree)) valence.delete(w);
  const words = [...valence.keys()].sort();
  return {
    kind: "lexicon",
    language: "zh",
    words,
    valences: words.map((w) => valence.get(w) as number),
    negators,
    degree,
    adversatives: ADVERSATIVES,
    source: `${hownet.source}; ${service.source}`,
  };
}
