import type { Segmenter } from "./chinese-tokens.ts";
import { chineseFeatures } from "./chinese-tokens.ts";
import { englishFeatures } from "./english-tokens.ts";
import { type LabelledFeatures, linearScore, trainLogistic } from "./logistic-regression.ts";
import type { SentimentModelJson } from "./sentiment-model.ts";

/**
 * Building the shipped sentiment models (run by `scripts/train-sentiment.ts`; the tests rebuild
 * them and compare): a fixed-seed held-out split, the L2 penalty chosen by 5-fold
 * cross-validation on the training part only, and the final model fitted on the training part,
 * so the held-out accuracy is an honest estimate for the model that ships.
 */

export interface LabelledText {
  text: string;
  /** 1 positive, 0 negative. */
  label: 0 | 1;
  /** Where the text comes from (amazon, imdb, yelp …): the split is stratified by it. */
  source?: string;
}

export const SPLIT_SEED = 20240611;
export const TEST_SHARE = 0.2;
export const L2_GRID = [1e-4, 3e-4, 1e-3, 3e-3] as const;
/** Features seen in fewer training texts are dropped: keeps the shipped model near 5k weights. */
export const MIN_COUNT = 2;
export const STEPS = 200;

/** Mulberry32: a small, well-mixed 32-bit PRNG, so splits are the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Held-out split, stratified by source × label: each stratum shuffled, its first share to test. */
export function splitDataset<T extends LabelledText>(
  samples: readonly T[],
  options: { seed?: number; testShare?: number } = {},
): { train: T[]; test: T[] } {
  const random = seededRandom(options.seed ?? SPLIT_SEED);
  const share = options.testShare ?? TEST_SHARE;
  const strata = new Map<string, T[]>();
  for (const s of samples) {
    const key = `${s.source ?? ""}\u0000${s.label}`;
    const stratum = strata.get(key);
    if (stratum) stratum.push(s);
    else strata.set(key, [s]);
  }
  const train: T[] = [];
  const test: T[] = [];
  for (const key of [...strata.keys()].sort()) {
    const items = [...(strata.get(key) as T[])];
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    const cut = Math.round(items.length * share);
    test.push(...items.slice(0, cut));
    train.push(...items.slice(cut));
  }
  return { train, test };
}

/** Share of texts whose predicted polarity (z ≥ 0 → positive) matches the label. */
export function binaryAccuracy(
  samples: readonly LabelledText[],
  predictPositive: (text: string) => boolean,
): number {
  if (samples.length === 0) return Number.NaN;
  let right = 0;
  for (const s of samples) if (predictPositive(s.text) === (s.label === 1)) right++;
  return right / samples.length;
}

export type Featuriser = (text: string) => string[];

export interface WordLexicon {
  words: string[];
  valences: number[];
}

export const englishFeaturiser = (lexicon?: WordLexicon): Featuriser => {
  const map = lexicon
    ? new Map(lexicon.words.map((w, i) => [w, lexicon.valences[i] as number]))
    : undefined;
  return (text) => englishFeatures(text, map);
};
export const chineseFeaturiser =
  (segment: Segmenter): Featuriser =>
  (text) =>
    chineseFeatures(text, segment, { bigrams: true });

function crossValidate(rows: LabelledFeatures[], l2: number, folds = 5): number {
  let total = 0;
  for (let k = 0; k < folds; k++) {
    const fit = trainLogistic(
      rows.filter((_, i) => i % folds !== k),
      { l2, minCount: MIN_COUNT, steps: STEPS },
    );
    const held = rows.filter((_, i) => i % folds === k);
    const right = held.filter((r) => linearScore(fit, r.features) >= 0 === (r.label === 1)).length;
    total += right / held.length;
  }
  return total / folds;
}

export interface TrainedModel {
  model: SentimentModelJson;
  l2: number;
  crossValidation: { l2: number; accuracy: number }[];
}

/** Fits a linear sentiment model on `train`, choosing the L2 penalty by cross-validation. */
export function trainSentimentModel(options: {
  language: "en" | "zh";
  train: readonly LabelledText[];
  featurise: Featuriser;
  /** en only: the lexicon the featuriser used, shipped inside the model. */
  lexicon?: WordLexicon;
  source: string;
}): TrainedModel {
  const rows = options.train.map((s) => ({ features: options.featurise(s.text), label: s.label }));
  const crossValidation = L2_GRID.map((l2) => ({ l2, accuracy: crossValidate(rows, l2) }));
  const best = crossValidation.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  const fit = trainLogistic(rows, { l2: best.l2, minCount: MIN_COUNT, steps: STEPS });
  const features = Object.keys(fit.weights).sort();
  return {
    l2: best.l2,
    crossValidation,
    model: {
      kind: "linear",
      language: options.language,
      featureSet: options.language === "en" ? "en-words" : "zh-words",
      charBigrams: options.language === "zh",
      ...(options.lexicon ? { lexicon: options.lexicon } : {}),
      bias: fit.bias,
      features,
      weights: features.map((f) => fit.weights[f] as number),
      source: options.source,
    },
  };
}
