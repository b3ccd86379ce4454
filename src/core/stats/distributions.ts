import jstat from "jstat";

// jstat is CommonJS: under Node's own ESM loader (the CLI) only its default export exists.
const { jStat } = jstat;

/** P(Z ≤ z) for the standard normal. */
export const normalCdf = (z: number): number => jStat.normal.cdf(z, 0, 1);

/** z such that P(Z ≤ z) = p. */
export const normalQuantile = (p: number): number => jStat.normal.inv(p, 0, 1);

/** Two-sided p-value of a z statistic (jstat keeps about 2 digits down to 1e-15, then 0). */
export const twoSidedNormalP = (z: number): number =>
  Number.isNaN(z) ? 1 : Math.min(1, jStat.erfc(Math.abs(z) / Math.SQRT2));

/** P(X > x) for chi-square with `df` degrees of freedom. */
export const chiSquareSf = (x: number, df: number): number =>
  x <= 0 ? 1 : 1 - jStat.chisquare.cdf(x, df);

/** Two-sided p-value of a Student t statistic: I_{df/(df+t²)}(df/2, 1/2), exact in the tails. */
export const twoSidedTP = (t: number, df: number): number =>
  Number.isFinite(t) ? Math.min(1, jStat.ibeta(df / (df + t * t), df / 2, 0.5)) : 0;

/** t such that P(T ≤ t) = p with `df` degrees of freedom. */
export const tQuantile = (p: number, df: number): number => jStat.studentt.inv(p, df);

/** ln Γ(x), for exact (hypergeometric) tests. */
export const logGamma = (x: number): number => jStat.gammaln(x);
