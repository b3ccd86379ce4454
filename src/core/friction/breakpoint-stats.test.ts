import { describe, expect, it } from "vitest";
import { benjaminiHochberg, fisherExact } from "../stats/index.ts";
import { overRepresentationP, significantSequences, smoothedLift } from "./breakpoint-stats.ts";
import type { NgramCount } from "./ngram-reference.ts";

const gram = (event: string, profiles: number, bad: number): NgramCount => ({
  steps: [{ channel: "app", event }],
  profiles,
  bad,
  examples: [],
});

describe("over-representation test", () => {
  it("is Fisher's exact one-sided test on small tables", () => {
    // [[3, 1], [1, 3]]: P(X ≥ 3) = (C(4,3)·C(4,1) + C(4,4)·C(4,0)) / C(8,4) = 17/70.
    expect(overRepresentationP(3, 4, 1, 4)).toBeCloseTo(17 / 70, 10);
  });

  it("is the pooled z-test on large tables, close to Fisher's", () => {
    // 1100/5000 vs 1000/5000: pooled 0.21, se = √(0.21·0.79·2/5000) = 0.0081462,
    // z = 0.02 / 0.0081462 = 2.4551, one-sided p = 1 − Φ(2.4551) = 0.00704.
    const p = overRepresentationP(1100, 5000, 1000, 5000);
    expect(p).toBeCloseTo(0.00704, 4);
    expect(Math.abs(p - fisherExact(1100, 1000, 3900, 4000, "greater"))).toBeLessThan(0.001);
  });

  it("keeps the lift finite with the ½ correction", () => {
    expect(smoothedLift(243, 319, 61, 2828)).toBeCloseTo(243.5 / 320 / (61.5 / 2829), 10);
    expect(smoothedLift(10, 100, 0, 1000)).toBeCloseTo(10.5 / 101 / (0.5 / 1001), 10);
  });
});

describe("significant sequences", () => {
  it("adjusts over every sequence tested, the ones not fetched entering with p = 1", () => {
    const grams = [gram("A", 60, 40), gram("B", 40, 15), gram("C", 200, 30)];
    const p = grams.map((g) => overRepresentationP(g.bad, 100, g.profiles - g.bad, 1000));
    const totals = { profiles: 1100, badProfiles: 100 };
    const found = significantSequences(grams, totals, { tested: 50, alpha: 1, minLift: 1 });
    // BH by hand with m = 50: q(i) = min over j ≥ i of p(j) · 50 / j.
    const order = [0, 1, 2].sort((i, j) => (p[i] as number) - (p[j] as number));
    const q = new Array<number>(3);
    let running = 1;
    for (let rank = 3; rank >= 1; rank--) {
      const i = order[rank - 1] as number;
      running = Math.min(running, ((p[i] as number) * 50) / rank);
      q[i] = running;
    }
    for (const [i, g] of grams.entries()) {
      const f = found.find((s) => s.steps[0]?.event === g.steps[0]?.event);
      expect(f?.qValue).toBeCloseTo(q[i] as number, 12);
      expect(f?.pValue).toBe(p[i]);
    }
    // The same as BH over the padded list (the library's implementation).
    const padded = benjaminiHochberg([...p, ...new Array(47).fill(1)]);
    expect(found.map((f) => f.qValue).sort()).toEqual(padded.slice(0, 3).sort());
  });

  it("keeps q < alpha and lift ≥ minLift, by impact", () => {
    const big = { profiles: 11_000, badProfiles: 1000 };
    // weak: 27% of the bad vs 24% of the others, lift ≈ 1.125; pooled z = 0.03 / 0.01422 =
    // 2.11, p ≈ 0.017, q = p · 3 / 2 ≈ 0.026 (second smallest of three).
    const grams = [gram("weak", 2670, 270), gram("strong", 600, 400), gram("none", 1000, 90)];
    const found = significantSequences(grams, big, { tested: 3, alpha: 0.05, minLift: 1.2 });
    expect(found.map((f) => f.steps[0]?.event)).toEqual(["strong"]);
    const f = found[0];
    expect(f?.shareOfBad).toBeCloseTo(0.4, 12);
    expect(f?.shareOfOthers).toBeCloseTo(0.02, 12);
    expect(f?.impact).toBeCloseTo(400 * smoothedLift(400, 1000, 200, 10_000), 9);
    const lenient = significantSequences(grams, big, { tested: 3, alpha: 0.05, minLift: 1 });
    expect(lenient.map((s) => s.steps[0]?.event)).toEqual(["strong", "weak"]);
    expect(lenient[1]?.qValue).toBeCloseTo(0.026, 2);
  });

  it("finds nothing without both groups", () => {
    const options = { tested: 1, alpha: 0.05, minLift: 1 };
    expect(
      significantSequences([gram("A", 5, 5)], { profiles: 5, badProfiles: 5 }, options),
    ).toEqual([]);
  });
});
