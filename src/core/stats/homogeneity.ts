import { chiSquareSf } from "./distributions.ts";

export interface OmnibusResult {
  statistic: number;
  df: number;
  pValue: number;
}

/**
 * Chi-square test that k proportions are equal: the k×2 contingency table of successes and
 * failures, no continuity correction (SciPy's `chi2_contingency(correction=False)`).
 */
export function chiSquareHomogeneity(
  groups: readonly { successes: number; n: number }[],
): OmnibusResult {
  const used = groups.filter((g) => g.n > 0);
  const df = used.length - 1;
  const total = used.reduce((sum, g) => sum + g.n, 0);
  const successes = used.reduce((sum, g) => sum + g.successes, 0);
  if (df < 1 || successes === 0 || successes === total) return { statistic: 0, df, pValue: 1 };
  const p = successes / total;
  let statistic = 0;
  for (const g of used) {
    const expectedYes = g.n * p;
    const expectedNo = g.n * (1 - p);
    statistic += (g.successes - expectedYes) ** 2 / expectedYes;
    statistic += (g.n - g.successes - expectedNo) ** 2 / expectedNo;
  }
  return { statistic, df, pValue: chiSquareSf(statistic, df) };
}

/**
 * Kruskal–Wallis H test that k samples come from one distribution, with the tie correction
 * and the chi-square approximation (SciPy's `kruskal`). Empty samples are left out.
 */
export function kruskalWallis(samples: readonly (readonly number[])[]): OmnibusResult {
  const used = samples.filter((s) => s.length > 0);
  const df = used.length - 1;
  const all = used.flatMap((s, group) => s.map((v) => ({ v, group })));
  const n = all.length;
  if (df < 1 || n < 2) return { statistic: 0, df, pValue: 1 };
  all.sort((a, b) => a.v - b.v);
  const rankSums = new Array<number>(used.length).fill(0);
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && all[j + 1]?.v === all[i]?.v) j++;
    const rank = (i + j) / 2 + 1;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    for (let k = i; k <= j; k++) {
      const group = all[k]?.group as number;
      rankSums[group] = (rankSums[group] as number) + rank;
    }
    i = j + 1;
  }
  const correction = 1 - tieTerm / (n ** 3 - n);
  if (correction <= 0) return { statistic: 0, df, pValue: 1 };
  const h =
    ((12 / (n * (n + 1))) *
      used.reduce((sum, s, g) => sum + (rankSums[g] as number) ** 2 / s.length, 0) -
      3 * (n + 1)) /
    correction;
  return { statistic: h, df, pValue: chiSquareSf(h, df) };
}
