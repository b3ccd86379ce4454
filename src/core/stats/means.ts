import { tQuantile, twoSidedTP } from "./distributions.ts";

export interface MeanInterval {
  n: number;
  mean: number;
  sd: number;
  low: number;
  high: number;
}

/** Mean with a Student t confidence interval; fewer than two values give an unbounded interval. */
export function meanInterval(values: readonly number[], confidence = 0.95): MeanInterval {
  const n = values.length;
  const mean = n > 0 ? values.reduce((s, v) => s + v, 0) / n : Number.NaN;
  const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  if (n < 2) return { n, mean, sd, low: Number.NEGATIVE_INFINITY, high: Number.POSITIVE_INFINITY };
  const half = tQuantile(1 - (1 - confidence) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, low: mean - half, high: mean + half };
}

export interface WelchResult {
  /** mean(a) − mean(b) */
  diff: number;
  t: number;
  df: number;
  pValue: number;
}

/** Welch's unequal-variance t test, two-sided. */
export function welchTTest(a: readonly number[], b: readonly number[]): WelchResult {
  const ma = meanInterval(a);
  const mb = meanInterval(b);
  const va = ma.sd ** 2 / a.length;
  const vb = mb.sd ** 2 / b.length;
  const diff = ma.mean - mb.mean;
  const se = Math.sqrt(va + vb);
  if (a.length < 2 || b.length < 2 || se === 0) return { diff, t: 0, df: 0, pValue: 1 };
  const t = diff / se;
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return { diff, t, df, pValue: twoSidedTP(t, df) };
}
