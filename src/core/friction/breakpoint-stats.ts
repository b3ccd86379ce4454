import { benjaminiHochberg, fisherExact, normalCdf, twoProportionTest } from "../stats/index.ts";
import type { NgramCount } from "./ngram-reference.ts";
import type { Step } from "./step.ts";

/** A step sequence tested against the bad outcome. */
export interface TestedSequence {
  steps: Step[];
  /** Bad-outcome profiles that went through it. */
  badProfiles: number;
  /** Other profiles that went through it. */
  otherProfiles: number;
  /** Share of the bad-outcome profiles that went through it. */
  shareOfBad: number;
  shareOfOthers: number;
  lift: number;
  /** One-sided p-value of over-representation among bad-outcome profiles. */
  pValue: number;
  /** Benjamini–Hochberg adjusted p-value over every sequence tested. */
  qValue: number;
  /** badProfiles × lift */
  impact: number;
  examples: string[];
}

/**
 * One-sided p-value that `a` of the `nBad` bad-outcome profiles and `b` of the `nOther` others
 * going through a sequence shows over-representation among the bad: Fisher's exact test of the
 * 2×2 table when a margin is at most 1,000 profiles or an expected count is below 10, else the
 * pooled z-test of two proportions (the 2×2 chi-square), accurate for such large counts and
 * cheap (Fisher's test costs one term per table with the margins).
 */
export function overRepresentationP(a: number, nBad: number, b: number, nOther: number): number {
  const n = nBad + nOther;
  const row = a + b;
  const smallest = Math.min(row, nBad, n - row, nOther);
  const expected = n > 0 ? (Math.min(row, n - row) * Math.min(nBad, nOther)) / n : 0;
  if (smallest <= 1000 || expected < 10) return fisherExact(a, b, nBad - a, nOther - b, "greater");
  const { z } = twoProportionTest(a, nBad, b, nOther);
  return normalCdf(-z);
}

/**
 * Lift with the Haldane–Anscombe ½ correction, so that it stays finite when no other profile
 * went through the sequence: ((a + ½) / (nBad + 1)) / ((b + ½) / (nOther + 1)).
 */
export const smoothedLift = (a: number, nBad: number, b: number, nOther: number) =>
  (a + 0.5) / (nBad + 1) / ((b + 0.5) / (nOther + 1));

export interface TestOptions {
  /** Sequences tested (met the support threshold); `grams` are the over-represented ones among them. */
  tested: number;
  alpha: number;
  minLift: number;
}

/**
 * Tests each over-represented sequence and keeps those significant at FDR `alpha` (BH over all
 * `tested` sequences: the under-represented ones, not fetched, enter with p = 1, which leaves
 * every q below 0.5 exact) with a lift of at least `minLift`, by impact.
 */
export function significantSequences(
  grams: readonly NgramCount[],
  totals: { profiles: number; badProfiles: number },
  options: TestOptions,
): TestedSequence[] {
  const nBad = totals.badProfiles;
  const nOther = totals.profiles - nBad;
  if (nBad === 0 || nOther === 0 || grams.length === 0) return [];
  const pValues = grams.map((g) => overRepresentationP(g.bad, nBad, g.profiles - g.bad, nOther));
  const padding = Math.max(0, options.tested - grams.length);
  const qValues = benjaminiHochberg([...pValues, ...new Array<number>(padding).fill(1)]);
  const result: TestedSequence[] = [];
  grams.forEach((g, i) => {
    const a = g.bad;
    const b = g.profiles - g.bad;
    const lift = smoothedLift(a, nBad, b, nOther);
    const qValue = qValues[i] as number;
    if (!(qValue < options.alpha) || lift < options.minLift) return;
    result.push({
      steps: g.steps,
      badProfiles: a,
      otherProfiles: b,
      shareOfBad: a / nBad,
      shareOfOthers: b / nOther,
      lift,
      pValue: pValues[i] as number,
      qValue,
      impact: a * lift,
      examples: g.examples,
    });
  });
  return result.sort((x, y) => y.impact - x.impact);
}
