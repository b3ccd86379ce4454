import { tQuantile, twoSidedTP } from "./distributions.ts";
import type { MeanInterval, WelchResult } from "./means.ts";

/**
 * Means and Welch tests from summary statistics (count, sum, sum of squares) — what a SQL
 * aggregate returns — instead of the raw values `meanInterval` and `welchTTest` take.
 */
export interface Moments {
  n: number;
  sum: number;
  sumSquares: number;
}

/** Mean and sample standard deviation of moments (sd 0 below two values). */
export function momentsMeanSd(m: Moments): { mean: number; sd: number } {
  const mean = m.n > 0 ? m.sum / m.n : Number.NaN;
  if (m.n < 2) return { mean, sd: 0 };
  // Clamped: rounding can make a zero variance slightly negative.
  const variance = Math.max(0, (m.sumSquares - (m.sum * m.sum) / m.n) / (m.n - 1));
  return { mean, sd: Math.sqrt(variance) };
}

/** As `meanInterval`, from moments. */
export function momentsInterval(m: Moments, confidence = 0.95): MeanInterval {
  const { mean, sd } = momentsMeanSd(m);
  if (m.n < 2) {
    return { n: m.n, mean, sd, low: Number.NEGATIVE_INFINITY, high: Number.POSITIVE_INFINITY };
  }
  const half = tQuantile(1 - (1 - confidence) / 2, m.n - 1) * (sd / Math.sqrt(m.n));
  return { n: m.n, mean, sd, low: mean - half, high: mean + half };
}

/** As `welchTTest`, from moments. */
export function momentsWelchTest(a: Moments, b: Moments): WelchResult {
  const x = momentsMeanSd(a);
  const y = momentsMeanSd(b);
  const va = x.sd ** 2 / a.n;
  const vb = y.sd ** 2 / b.n;
  const diff = x.mean - y.mean;
  const se = Math.sqrt(va + vb);
  if (a.n < 2 || b.n < 2 || se === 0) return { diff, t: 0, df: 0, pValue: 1 };
  const t = diff / se;
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  return { diff, t, df, pValue: twoSidedTP(t, df) };
}

/** Moments of a list of values. */
export const momentsOf = (values: readonly number[]): Moments => ({
  n: values.length,
  sum: values.reduce((s, v) => s + v, 0),
  sumSquares: values.reduce((s, v) => s + v * v, 0),
});
