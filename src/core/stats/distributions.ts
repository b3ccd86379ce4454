import { jStat } from "jstat";

/** P(Z ≤ z) for the standard normal. */
export const normalCdf = (z: number): number => jStat.normal.cdf(z, 0, 1);

/** z such that P(Z ≤ z) = p. */
export const normalQuantile = (p: number): number => jStat.normal.inv(p, 0, 1);

/** Two-sided p-value of a z statistic. */
export const twoSidedNormalP = (z: number): number =>
  Number.isFinite(z) ? Math.min(1, 2 * normalCdf(-Math.abs(z))) : z === 0 ? 1 : 0;

/** P(X > x) for chi-square with `df` degrees of freedom. */
export const chiSquareSf = (x: number, df: number): number =>
  x <= 0 ? 1 : 1 - jStat.chisquare.cdf(x, df);

/** Two-sided p-value of a Student t statistic. */
export const twoSidedTP = (t: number, df: number): number =>
  Number.isFinite(t) ? Math.min(1, 2 * (1 - jStat.studentt.cdf(Math.abs(t), df))) : 0;

/** t such that P(T ≤ t) = p with `df` degrees of freedom. */
export const tQuantile = (p: number, df: number): number => jStat.studentt.inv(p, df);

/** ln Γ(x), for exact (hypergeometric) tests. */
export const logGamma = (x: number): number => jStat.gammaln(x);
