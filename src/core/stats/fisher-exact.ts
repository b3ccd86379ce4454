import { logGamma } from "./distributions.ts";

const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);

/**
 * Fisher's exact test of the 2×2 table [[a, b], [c, d]]. `two-sided` sums the probabilities of
 * all tables no more likely than the observed one (as R and SciPy do); `greater` tests whether
 * a is larger than independence predicts (over-representation).
 */
export function fisherExact(
  a: number,
  b: number,
  c: number,
  d: number,
  alternative: "two-sided" | "greater" | "less" = "two-sided",
): number {
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  const lo = Math.max(0, col1 - (n - row1));
  const hi = Math.min(row1, col1);
  const logP = (x: number) =>
    logChoose(row1, x) + logChoose(n - row1, col1 - x) - logChoose(n, col1);
  const observed = logP(a);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const lp = logP(x);
    const include =
      alternative === "greater"
        ? x >= a
        : alternative === "less"
          ? x <= a
          : lp <= observed + 1e-7 * Math.abs(observed) + 1e-12;
    if (include) p += Math.exp(lp);
  }
  return Math.min(1, p);
}
