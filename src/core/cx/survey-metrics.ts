import { normalQuantile, twoSidedNormalP } from "../stats/distributions.ts";
import { twoProportionTest, wilsonInterval } from "../stats/proportions.ts";
import { type Moments, momentsInterval, momentsWelchTest } from "../stats/summary-stats.ts";

/**
 * Survey metrics (docs/cx.md): NPS, CSAT and CES from the counts of a group of answers, with
 * confidence intervals, and the tests that compare two groups.
 *
 * - NPS (0–10): % promoters (9–10) − % detractors (0–6), −100…100. As a difference of two
 *   proportions of one multinomial sample its variance is (p + d − (p − d)²)/n (p, d the
 *   promoter and detractor shares); the interval is NPS ± z·100·√variance, clipped to ±100.
 * - CSAT: % of answers in the top two boxes (≥ `satisfiedFrom`, 4 on 1–5), Wilson interval.
 * - CES: mean score with a Student t interval, and % easy (≥ `easyFrom`, 5 on 1–7) with a
 *   Wilson interval. Higher is easier (the CES 2.0 agreement scale).
 */

export const SURVEY_TYPES = ["nps", "csat", "ces"] as const;
export type SurveyType = (typeof SURVEY_TYPES)[number];

/** Counts of a group's valid answers of one survey type. */
export interface SurveyCounts extends Moments {
  /** Promoters (NPS), satisfied (CSAT) or easy (CES) answers. */
  hits: number;
  /** Detractors (NPS); 0 for the other types. */
  detractors: number;
}

export interface Interval {
  low: number;
  high: number;
}

export interface NpsMetric {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number;
  ci: Interval;
  /** Standard error of the NPS, in NPS points. */
  se: number;
}

export interface CsatMetric {
  responses: number;
  satisfied: number;
  /** % satisfied (top-2-box). */
  csat: number;
  ci: Interval;
  meanScore: number;
}

export interface CesMetric {
  responses: number;
  mean: number;
  ci: Interval;
  easy: number;
  /** % easy answers. */
  easyShare: number;
  easyCi: Interval;
}

export type SurveyMetric = NpsMetric | CsatMetric | CesMetric;

const round = (value: number, digits = 4) => {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
const percentInterval = (i: Interval): Interval => ({
  low: round(i.low * 100),
  high: round(i.high * 100),
});

const zOf = (confidence: number) => normalQuantile(1 - (1 - confidence) / 2);

/** NPS and its variance (of the proportion difference, not in points). */
function npsParts(c: SurveyCounts): { nps: number; variance: number } {
  const p = c.hits / c.n;
  const d = c.detractors / c.n;
  return { nps: p - d, variance: (p + d - (p - d) ** 2) / c.n };
}

export function npsMetric(c: SurveyCounts, confidence = 0.95): NpsMetric {
  const { nps, variance } = npsParts(c);
  const half = zOf(confidence) * Math.sqrt(variance);
  return {
    responses: c.n,
    promoters: c.hits,
    passives: c.n - c.hits - c.detractors,
    detractors: c.detractors,
    nps: round(nps * 100),
    ci: {
      low: round(Math.max(-1, nps - half) * 100),
      high: round(Math.min(1, nps + half) * 100),
    },
    se: round(Math.sqrt(variance) * 100),
  };
}

export function csatMetric(c: SurveyCounts, confidence = 0.95): CsatMetric {
  return {
    responses: c.n,
    satisfied: c.hits,
    csat: round((c.hits / c.n) * 100),
    ci: percentInterval(wilsonInterval(c.hits, c.n, confidence)),
    meanScore: round(c.sum / c.n),
  };
}

export function cesMetric(c: SurveyCounts, confidence = 0.95): CesMetric {
  const interval = momentsInterval(c, confidence);
  return {
    responses: c.n,
    mean: round(interval.mean),
    ci: { low: round(interval.low), high: round(interval.high) },
    easy: c.hits,
    easyShare: round((c.hits / c.n) * 100),
    easyCi: percentInterval(wilsonInterval(c.hits, c.n, confidence)),
  };
}

/** The metric of a survey type; null without answers. */
export function surveyMetric(
  type: SurveyType,
  c: SurveyCounts,
  confidence = 0.95,
): SurveyMetric | null {
  if (c.n <= 0) return null;
  if (type === "nps") return npsMetric(c, confidence);
  if (type === "csat") return csatMetric(c, confidence);
  return cesMetric(c, confidence);
}

export interface Difference {
  /** a − b in the metric's unit: NPS points, CSAT percentage points, CES score points. */
  difference: number;
  /** Two-sided p-value; null when the test is not defined (fewer than two answers, no spread). */
  pValue: number | null;
}

/**
 * Tests a against b: NPS by the z test of the difference of two independent NPS (variance the
 * sum of both); CSAT by the two-proportion z test; CES by Welch's t test of the means.
 */
export function surveyDifference(type: SurveyType, a: SurveyCounts, b: SurveyCounts): Difference {
  if (a.n < 2 || b.n < 2) return { difference: differenceOf(type, a, b), pValue: null };
  if (type === "nps") {
    const x = npsParts(a);
    const y = npsParts(b);
    const se = Math.sqrt(x.variance + y.variance);
    const diff = x.nps - y.nps;
    return { difference: round(diff * 100), pValue: se > 0 ? twoSidedNormalP(diff / se) : null };
  }
  if (type === "csat") {
    const test = twoProportionTest(a.hits, a.n, b.hits, b.n);
    const pooled = (a.hits + b.hits) / (a.n + b.n);
    const defined = pooled > 0 && pooled < 1;
    return { difference: round(test.diff * 100), pValue: defined ? test.pValue : null };
  }
  const test = momentsWelchTest(a, b);
  return { difference: round(test.diff), pValue: test.df > 0 ? test.pValue : null };
}

function differenceOf(type: SurveyType, a: SurveyCounts, b: SurveyCounts): number {
  if (a.n === 0 || b.n === 0) return Number.NaN;
  if (type === "nps") return round((npsParts(a).nps - npsParts(b).nps) * 100);
  if (type === "csat") return round((a.hits / a.n - b.hits / b.n) * 100);
  return round(a.sum / a.n - b.sum / b.n);
}

/** The counts of everything but a group: total − group. */
export const restOf = (total: SurveyCounts, group: SurveyCounts): SurveyCounts => ({
  n: total.n - group.n,
  hits: total.hits - group.hits,
  detractors: total.detractors - group.detractors,
  sum: total.sum - group.sum,
  sumSquares: total.sumSquares - group.sumSquares,
});

export const EMPTY_COUNTS: SurveyCounts = { n: 0, hits: 0, detractors: 0, sum: 0, sumSquares: 0 };

/** Adds one answer to counts (the reference side of the SQL aggregates). */
export function addAnswer(
  counts: SurveyCounts,
  answer: { hit: boolean; detractor: boolean; score: number },
): SurveyCounts {
  return {
    n: counts.n + 1,
    hits: counts.hits + (answer.hit ? 1 : 0),
    detractors: counts.detractors + (answer.detractor ? 1 : 0),
    sum: counts.sum + answer.score,
    sumSquares: counts.sumSquares + answer.score * answer.score,
  };
}
