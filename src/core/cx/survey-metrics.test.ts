import { describe, expect, it } from "vitest";
import { momentsOf } from "../stats/summary-stats.ts";
import { CxConfigSchema, DEFAULT_CX_CONFIG } from "./cx-config.ts";
import { classifyAnswer, surveyScales } from "./survey-answer.ts";
import {
  addAnswer,
  cesMetric,
  csatMetric,
  EMPTY_COUNTS,
  npsMetric,
  restOf,
  type SurveyCounts,
  type SurveyType,
  surveyDifference,
} from "./survey-metrics.ts";

const scales = surveyScales(DEFAULT_CX_CONFIG);

/** Counts of a list of scores, classified as the SQL classifies them. */
function counts(type: SurveyType, scores: number[]): SurveyCounts {
  let c = EMPTY_COUNTS;
  for (const score of scores) {
    const answer = classifyAnswer(scales, type, score);
    if (answer) c = addAnswer(c, answer);
  }
  return c;
}

describe("NPS", () => {
  it("is % promoters − % detractors with the multinomial interval (by hand)", () => {
    // Promoters 10,10,9,9,10 (5); detractors 6,5,0 (3); passives 8,7 (2).
    const m = npsMetric(counts("nps", [10, 10, 9, 8, 7, 6, 5, 0, 9, 10]));
    expect(m).toMatchObject({ responses: 10, promoters: 5, passives: 2, detractors: 3, nps: 20 });
    // var = (0.5 + 0.3 − 0.2²)/10 = 0.076; half width = 1.959964·0.275681 = 0.540325.
    expect(m.se).toBeCloseTo(27.5681, 3);
    expect(m.ci.low).toBeCloseTo(-34.0325, 3);
    expect(m.ci.high).toBeCloseTo(74.0325, 3);
  });

  it("clips the interval to ±100 and takes scores outside 0–10 as invalid", () => {
    const m = npsMetric(counts("nps", [10, 10, 9, 11, -1]));
    expect(m.responses).toBe(3);
    expect(m.nps).toBe(100);
    expect(m.ci).toEqual({ low: 100, high: 100 });
  });

  it("tests two groups by the z test of the difference", () => {
    const a = { n: 100, hits: 50, detractors: 10, sum: 0, sumSquares: 0 };
    const b = { n: 100, hits: 20, detractors: 40, sum: 0, sumSquares: 0 };
    // var a = (0.6 − 0.16)/100, var b = (0.6 − 0.04)/100, se = 0.1, z = 0.6/0.1 = 6.
    const d = surveyDifference("nps", a, b);
    expect(d.difference).toBe(60);
    expect(d.pValue).toBeCloseTo(1.973e-9, 11);
  });
});

describe("CSAT", () => {
  it("is the top-2-box share with a Wilson interval", () => {
    const m = csatMetric(counts("csat", [5, 5, 4, 4, 4, 5, 4, 5, 3, 1]));
    expect(m).toMatchObject({ responses: 10, satisfied: 8, csat: 80, meanScore: 4 });
    // Wilson 95% for 8/10 (e.g. Newcombe 1998): 0.4902 – 0.9433.
    expect(m.ci.low).toBeCloseTo(49.02, 1);
    expect(m.ci.high).toBeCloseTo(94.33, 1);
  });

  it("compares groups with the two-proportion z test", () => {
    // 60/100 vs 40/100: pooled 0.5, se = √(0.25·0.02) = 0.0707, z = 2.828, p = 0.00468.
    const a = counts("csat", [...Array(60).fill(5), ...Array(40).fill(2)]);
    const b = counts("csat", [...Array(40).fill(4), ...Array(60).fill(1)]);
    const d = surveyDifference("csat", a, b);
    expect(d.difference).toBe(20);
    expect(d.pValue).toBeCloseTo(0.004678, 5);
  });
});

describe("CES", () => {
  it("is the mean with a t interval and the % easy (5–7)", () => {
    const m = cesMetric(counts("ces", [7, 6, 5, 5, 3]));
    // mean 5.2, sd √2.2 = 1.48324, t(0.975, 4) = 2.776445, half = 1.84168.
    expect(m.mean).toBe(5.2);
    expect(m.ci.low).toBeCloseTo(3.3583, 3);
    expect(m.ci.high).toBeCloseTo(7.0417, 3);
    expect(m).toMatchObject({ easy: 4, easyShare: 80 });
  });

  it("compares means with Welch's t test", () => {
    // a: mean 6, var 1 (n 3: 5,6,7); b: mean 3, var 1 (2,3,4); t = 3/√(2/3) = 3.674, df 4.
    const d = surveyDifference("ces", counts("ces", [5, 6, 7]), counts("ces", [2, 3, 4]));
    expect(d.difference).toBe(3);
    expect(d.pValue).toBeCloseTo(0.02131, 4);
  });
});

describe("answers", () => {
  it("normalises each score over its scale to 0–100", () => {
    expect(classifyAnswer(scales, "nps", 7)?.normalised).toBeCloseTo(70);
    expect(classifyAnswer(scales, "csat", 4)?.normalised).toBeCloseTo(75);
    expect(classifyAnswer(scales, "ces", 1)?.normalised).toBe(0);
    expect(classifyAnswer(scales, "ces", 8)).toBeNull();
  });

  it("gives the rest of a group by subtraction", () => {
    const all = counts("nps", [10, 9, 3, 7]);
    const group = counts("nps", [10, 3]);
    expect(restOf(all, group)).toEqual(counts("nps", [9, 7]));
    expect(momentsOf([9, 7])).toEqual({ n: 2, sum: 16, sumSquares: 130 });
  });
});

describe("cx config", () => {
  it("names a bad key", () => {
    expect(() => CxConfigSchema.parse({ scales: { csat: { satisfiedFrom: 9 } } })).toThrow(
      /scales/,
    );
    expect(() =>
      CxConfigSchema.parse({ engagement: { weights: { frequency: 0, diversity: 0, depth: 0 } } }),
    ).toThrow(/weights must not all be 0/);
    expect(CxConfigSchema.parse({}).minSample).toBe(30);
  });
});
