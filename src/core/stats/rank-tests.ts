import { twoSidedNormalP } from "./distributions.ts";

export interface MannWhitneyResult {
  /** U of the first sample: the number of (a, b) pairs with a > b, ties counting one half. */
  u: number;
  z: number;
  pValue: number;
  /** Common-language effect size P(a > b) + ½·P(a = b). */
  effect: number;
}

/**
 * Mann–Whitney U test, two-sided, normal approximation with tie correction and continuity
 * correction (SciPy's `mannwhitneyu(method="asymptotic")`).
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return { u: 0, z: 0, pValue: 1, effect: 0.5 };
  const all = [...a.map((v) => ({ v, first: true })), ...b.map((v) => ({ v, first: false }))];
  all.sort((x, y) => x.v - y.v);
  let rankSumA = 0;
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]?.v === all[i]?.v) j++;
    const rank = (i + j) / 2 + 1;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    for (let k = i; k <= j; k++) if (all[k]?.first) rankSumA += rank;
    i = j + 1;
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const mu = (n1 * n2) / 2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const z = sigma > 0 ? (Math.abs(u - mu) - 0.5) / sigma : 0;
  return {
    u,
    z: u >= mu ? Math.max(0, z) : -Math.max(0, z),
    pValue: sigma > 0 ? twoSidedNormalP(Math.max(0, z)) : 1,
    effect: u / (n1 * n2),
  };
}
