import { AppError } from "../app-error.ts";
import { KANO_ANSWER_HELP, KANO_ANSWERS, type KanoAnswer, kanoAnswerOf } from "./kano-answer.ts";

/**
 * KANO analysis (docs/cx.md). Each respondent's pair of answers on a feature is classified by
 * the standard evaluation table (Berger et al. 1993); a feature takes its most frequent
 * category, and gets the customer-satisfaction coefficients of Berger et al.:
 * better = (A + O)/(A + O + M + I), worse = −(O + M)/(A + O + M + I).
 */
export const KANO_CATEGORIES = [
  "must-be",
  "one-dimensional",
  "attractive",
  "indifferent",
  "reverse",
  "questionable",
] as const;
export type KanoCategory = (typeof KANO_CATEGORIES)[number];

const A = "attractive";
const O = "one-dimensional";
const M = "must-be";
const I = "indifferent";
const R = "reverse";
const Q = "questionable";

/** Rows: functional answer; columns: dysfunctional answer (like, must-be, neutral, live-with, dislike). */
const TABLE: Record<KanoAnswer, KanoCategory[]> = {
  like: [Q, A, A, A, O],
  "must-be": [R, I, I, I, M],
  neutral: [R, I, I, I, M],
  "live-with": [R, I, I, I, M],
  dislike: [R, R, R, R, Q],
};

export function kanoCategory(functional: KanoAnswer, dysfunctional: KanoAnswer): KanoCategory {
  return TABLE[functional][KANO_ANSWERS.indexOf(dysfunctional)] as KanoCategory;
}

export interface KanoPair {
  respondent: string;
  feature: string;
  functional: string | number;
  dysfunctional: string | number;
}

export interface KanoFeature {
  feature: string;
  respondents: number;
  counts: Record<KanoCategory, number>;
  /** Share (%) of the respondents in each category. */
  shares: Record<KanoCategory, number>;
  /** The most frequent category; ties go to must-be > one-dimensional > attractive > indifferent. */
  category: KanoCategory;
  /** Percentage points between the most and the second most frequent category. */
  strength: number;
  /**
   * Fong's test (α = 0.1): is the top category more frequent than the runner-up?
   * |a − b| ≥ 1.65·√((a + b)(2n − a − b)/(2n)).
   */
  distinct: boolean;
  better: number | null;
  worse: number | null;
}

export interface KanoResult {
  respondents: number;
  pairs: number;
  /** Pairs left out for an unknown answer or no feature (answers read from events only). */
  invalidPairs: number;
  /** Later answers of the same respondent on the same feature replaced earlier ones. */
  duplicatesReplaced: number;
  features: KanoFeature[];
  categories: typeof KANO_CATEGORIES;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

type Where = (index: number, column: "functional" | "dysfunctional") => string;

/**
 * Classifies every answer. With `skipInvalid` (answers read from stored events) a pair with
 * an unknown answer is counted and left out; otherwise the error names the first bad one
 * (`field` as `where` names it, by default `answers.i.column`).
 */
export function classifyPairs(
  pairs: readonly KanoPair[],
  options: { where?: Where; skipInvalid?: boolean } = {},
): {
  classified: { respondent: string; feature: string; category: KanoCategory }[];
  invalid: number;
} {
  const where = options.where ?? ((i, c) => `answers.${i}.${c}`);
  const classified: { respondent: string; feature: string; category: KanoCategory }[] = [];
  let invalid = 0;
  pairs.forEach((pair, index) => {
    const functional = kanoAnswerOf(pair.functional);
    const dysfunctional = kanoAnswerOf(pair.dysfunctional);
    if (functional && dysfunctional && pair.feature !== "") {
      classified.push({
        respondent: pair.respondent,
        feature: pair.feature,
        category: kanoCategory(functional, dysfunctional),
      });
      return;
    }
    if (options.skipInvalid) {
      invalid++;
      return;
    }
    const column = functional ? "dysfunctional" : "functional";
    const field = where(index, column);
    throw new AppError(
      "invalid_request",
      `${field}: ${JSON.stringify(pair[column])} is not ${KANO_ANSWER_HELP}`,
      field,
    );
  });
  return { classified, invalid };
}

/** KANO analysis of paired answers; features in order of first appearance. */
export function kanoAnalysis(
  pairs: readonly KanoPair[],
  options: { where?: Where; skipInvalid?: boolean } = {},
): KanoResult {
  const { classified, invalid } = classifyPairs(pairs, options);
  const byFeature = new Map<string, Map<string, KanoCategory>>();
  let duplicates = 0;
  for (const { respondent, feature, category } of classified) {
    const answers = byFeature.get(feature) ?? new Map<string, KanoCategory>();
    if (answers.has(respondent)) duplicates++;
    answers.set(respondent, category);
    byFeature.set(feature, answers);
  }
  const features = [...byFeature].map(([feature, answers]) =>
    featureResult(feature, [...answers.values()]),
  );
  return {
    respondents: new Set(classified.map((c) => c.respondent)).size,
    pairs: pairs.length,
    invalidPairs: invalid,
    duplicatesReplaced: duplicates,
    features,
    categories: KANO_CATEGORIES,
  };
}

function featureResult(feature: string, categories: readonly KanoCategory[]): KanoFeature {
  const counts = Object.fromEntries(KANO_CATEGORIES.map((c) => [c, 0])) as Record<
    KanoCategory,
    number
  >;
  for (const category of categories) counts[category]++;
  const n = categories.length;
  // KANO_CATEGORIES is in tie-break order, and the sort is stable.
  const ranked = [...KANO_CATEGORIES].sort((x, y) => counts[y] - counts[x]);
  const top = ranked[0] as KanoCategory;
  const second = ranked[1] as KanoCategory;
  const a = counts[top];
  const b = counts[second];
  const fong = 1.65 * Math.sqrt(((a + b) * (2 * n - a - b)) / (2 * n));
  const core =
    counts.attractive + counts["one-dimensional"] + counts["must-be"] + counts.indifferent;
  return {
    feature,
    respondents: n,
    counts,
    shares: Object.fromEntries(
      KANO_CATEGORIES.map((c) => [c, round((100 * counts[c]) / n)]),
    ) as Record<KanoCategory, number>,
    category: top,
    strength: round((100 * (a - b)) / n),
    distinct: a - b >= fong && a > b,
    better: core > 0 ? round((counts.attractive + counts["one-dimensional"]) / core) : null,
    worse: core > 0 ? round(-(counts["one-dimensional"] + counts["must-be"]) / core) : null,
  };
}
