import { describe, expect, it } from "vitest";
import { chiSquareHomogeneity, kruskalWallis } from "./homogeneity.ts";

// Reference values from SciPy 1.17.1: chi2_contingency(table, correction=False) and kruskal.
describe("omnibus tests against SciPy reference values", () => {
  it("chi-square test of k proportions", () => {
    const three = chiSquareHomogeneity([
      { successes: 45, n: 100 },
      { successes: 30, n: 100 },
      { successes: 50, n: 100 },
    ]);
    expect(three.statistic).toBeCloseTo(8.914285714285715, 9);
    expect(three.df).toBe(2);
    expect(three.pValue).toBeCloseTo(0.011595445849444693, 9);
    const four = chiSquareHomogeneity([
      { successes: 90, n: 100 },
      { successes: 85, n: 100 },
      { successes: 95, n: 100 },
      { successes: 70, n: 100 },
    ]);
    expect(four.statistic).toBeCloseTo(27.450980392156865, 9);
    expect(four.pValue / 4.735318618298708e-6).toBeCloseTo(1, 6);
  });

  it("chi-square of one group, or all successes, is no evidence", () => {
    expect(chiSquareHomogeneity([{ successes: 3, n: 10 }]).pValue).toBe(1);
    expect(
      chiSquareHomogeneity([
        { successes: 10, n: 10 },
        { successes: 5, n: 5 },
      ]).pValue,
    ).toBe(1);
  });

  it("Kruskal–Wallis H with and without ties", () => {
    const a = kruskalWallis([
      [1, 2, 3, 4, 5],
      [2, 3, 4, 5, 6, 7],
      [5, 6, 7, 8],
    ]);
    expect(a.statistic).toBeCloseTo(6.440592861464011, 9);
    expect(a.pValue).toBeCloseTo(0.03994321610876196, 9);
    const ties = kruskalWallis([
      [1, 1, 2, 2, 3],
      [2, 2, 3, 3, 3, 4],
      [4, 4, 5, 5],
    ]);
    expect(ties.statistic).toBeCloseTo(9.788202247191014, 9);
    expect(ties.pValue).toBeCloseTo(0.007490639357639399, 9);
    const two = kruskalWallis([
      [1.5, 2.5, 3.5],
      [10, 20, 30],
    ]);
    expect(two.statistic).toBeCloseTo(3.857142857142854, 9);
    expect(two.pValue).toBeCloseTo(0.049534613435626915, 9);
  });

  it("Kruskal–Wallis of identical values is no evidence", () => {
    expect(
      kruskalWallis([
        [2, 2],
        [2, 2, 2],
      ]).pValue,
    ).toBe(1);
    expect(kruskalWallis([[1, 2, 3], []]).pValue).toBe(1);
  });
});
