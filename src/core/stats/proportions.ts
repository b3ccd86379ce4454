import { normalQuantile, twoSidedNormalP } from "./distributions.ts";

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval for a proportion (no continuity correction); n = 0 gives [0, 1]. */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface TwoProportionResult {
  p1: number;
  p2: number;
  /** p1 − p2 */
  diff: number;
  /** Pooled z statistic (the chi-square test of a 2×2 table without continuity correction). */
  z: number;
  pValue: number;
  /** Unpooled (Wald) interval for p1 − p2. */
  ci: Interval;
}

/** Two-sided test of p1 = p2 for x1/n1 against x2/n2. */
export function twoProportionTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = 0.95,
): TwoProportionResult {
  const p1 = n1 > 0 ? x1 / n1 : 0;
  const p2 = n2 > 0 ? x2 / n2 : 0;
  const diff = p1 - p2;
  const pooled = n1 + n2 > 0 ? (x1 + x2) / (n1 + n2) : 0;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = n1 > 0 && n2 > 0 && se > 0 ? diff / se : 0;
  const zc = normalQuantile(1 - (1 - confidence) / 2);
  const seDiff = n1 > 0 && n2 > 0 ? Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2) : 0;
  return {
    p1,
    p2,
    diff,
    z,
    pValue: twoSidedNormalP(z),
    ci: { low: diff - zc * seDiff, high: diff + zc * seDiff },
  };
}
