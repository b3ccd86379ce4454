import { describe, expect, it } from "vitest";
import {
  benjaminiHochberg,
  chiSquareSf,
  fisherExact,
  mannWhitneyU,
  meanInterval,
  twoProportionTest,
  twoSidedNormalP,
  twoSidedTP,
  welchTTest,
  wilsonInterval,
} from "./index.ts";

// Reference values computed with SciPy 1.17.1 (scipy.stats: binomtest(...).proportion_ci
// method="wilson", chi2_contingency(correction=False), fisher_exact, mannwhitneyu
// method="asymptotic", false_discovery_control, t.interval, ttest_ind(equal_var=False), chi2.sf).
describe("statistics against SciPy reference values", () => {
  it("Wilson interval", () => {
    const i = wilsonInterval(81, 263);
    expect(i.low).toBeCloseTo(0.2552885198782742, 9);
    expect(i.high).toBeCloseTo(0.36620957698280004, 9);
    const zero = wilsonInterval(0, 10);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.27753279986288926, 9);
  });

  it("two-proportion test equals the uncorrected chi-square test of the 2×2 table", () => {
    const r = twoProportionTest(45, 100, 30, 100);
    expect(r.diff).toBeCloseTo(0.15, 12);
    expect(r.z).toBeCloseTo(2.1908902300206643, 9);
    expect(r.pValue).toBeCloseTo(0.028459736916310638, 9);
    expect(r.ci.low).toBeLessThan(0.15);
    expect(r.ci.high).toBeGreaterThan(0.15);
  });

  it("Fisher's exact test, two-sided and one-sided", () => {
    expect(fisherExact(8, 2, 1, 5)).toBeCloseTo(0.034965034965034975, 10);
    expect(fisherExact(8, 2, 1, 5, "greater")).toBeCloseTo(0.024475524475524483, 10);
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.48571428571428565, 10);
    const tiny = fisherExact(120, 30, 400, 5000, "greater");
    expect(tiny / 1.5986852652880175e-99).toBeCloseTo(1, 6);
  });

  it("Mann–Whitney U with ties", () => {
    const r = mannWhitneyU(
      [1.1, 2.3, 3.3, 3.3, 5.0, 6.2, 7.1],
      [2.0, 3.3, 4.4, 8.8, 9.1, 9.9, 10.5, 11.0],
    );
    expect(r.u).toBe(13);
    expect(r.pValue).toBeCloseTo(0.09216731804467376, 9);
    expect(r.z).toBeLessThan(0);
    expect(r.effect).toBeCloseTo(13 / 56, 12);
  });

  it("Benjamini–Hochberg q-values keep the input order", () => {
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2, 0.5]);
    const expected = [0.03, 0.06, 0.06, 0.03, 0.24, 0.5];
    q.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i] ?? Number.NaN, 12);
    });
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it("mean interval and Welch's t test", () => {
    const m = meanInterval([3, 5, 7, 2, 9, 4, 6]);
    expect(m.mean).toBeCloseTo(5.142857142857143, 12);
    expect(m.low).toBeCloseTo(2.9137057102626516, 8);
    expect(m.high).toBeCloseTo(7.372008575451635, 8);
    const w = welchTTest([20.1, 22.3, 19.8, 25.0, 21.1], [18.2, 17.9, 19.1, 16.5, 18.8, 17.0]);
    expect(w.t).toBeCloseTo(3.6377729101716194, 8);
    expect(w.df).toBeCloseTo(5.517787670789619, 8);
    expect(w.pValue).toBeCloseTo(0.012575451044385412, 7);
  });

  it("chi-square survival function", () => {
    expect(chiSquareSf(3.84, 1)).toBeCloseTo(0.05004352124870519, 9);
    expect(chiSquareSf(10, 3)).toBeCloseTo(0.01856613546304325, 9);
  });
});

describe("tail precision", () => {
  it("keeps small two-sided p-values (SciPy: 2·norm.sf(6), 2·t.sf(12, 8))", () => {
    expect(twoSidedNormalP(6) / 1.973175290075389e-9).toBeCloseTo(1, 8);
    expect(twoSidedNormalP(-6)).toBe(twoSidedNormalP(6));
    expect(twoSidedNormalP(0)).toBeCloseTo(1, 12);
    expect(twoSidedTP(12, 8) / 2.143866747688769e-6).toBeCloseTo(1, 9);
  });
});
