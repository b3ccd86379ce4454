import { sampleCorrelation } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { shapleyRegression, solve } from "./relative-importance.ts";

/** Seeded normal draws (mulberry32 + Box–Muller). */
function normals(seed: number) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

describe("Shapley regression", () => {
  it("recovers planted importance: independent drivers with coefficients √w", () => {
    const planted = [0.4, 0.25, 0.2, 0.1, 0.05];
    const draw = normals(7);
    const n = 4000;
    const x = planted.map(() => Array.from({ length: n }, draw));
    const y = Array.from({ length: n }, (_, k) =>
      planted.reduce((s, w, i) => s + Math.sqrt(w) * (x[i]?.[k] as number), 0 + 0.5 * draw()),
    );
    const result = shapleyRegression(x, y);
    // Population R² = 1/(1 + 0.25) = 0.8; each share of R² is w·R².
    expect(result.r2).toBeGreaterThan(0.77);
    expect(result.r2).toBeLessThan(0.83);
    for (const [i, w] of result.weights.entries()) {
      expect(Math.abs(w - (planted[i] as number))).toBeLessThan(0.03);
    }
    const rank = (ws: number[]) => ws.map((_, i) => i).sort((a, b) => (ws[b] ?? 0) - (ws[a] ?? 0));
    expect(rank(result.weights)).toEqual([0, 1, 2, 3, 4]);
    expect(result.shapley.reduce((s, v) => s + v, 0)).toBeCloseTo(result.r2, 10);
    expect(result.weights.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 10);
  });

  it("matches the two-predictor formula on correlated drivers", () => {
    const draw = normals(3);
    const n = 500;
    const x1 = Array.from({ length: n }, draw);
    const x2 = x1.map((v) => 0.6 * v + 0.8 * draw());
    const y = x1.map((v, k) => 0.5 * v + 0.3 * (x2[k] as number) + draw());
    const r1 = sampleCorrelation(x1, y);
    const r2 = sampleCorrelation(x2, y);
    const r12 = sampleCorrelation(x1, x2);
    // R² = (r1² + r2² − 2·r1·r2·r12)/(1 − r12²); LMG₁ = ½(r1² + R² − r2²).
    const full = (r1 ** 2 + r2 ** 2 - 2 * r1 * r2 * r12) / (1 - r12 ** 2);
    const result = shapleyRegression([x1, x2], y);
    expect(result.r2).toBeCloseTo(full, 10);
    expect(result.shapley[0]).toBeCloseTo((r1 ** 2 + full - r2 ** 2) / 2, 10);
    expect(result.shapley[1]).toBeCloseTo((r2 ** 2 + full - r1 ** 2) / 2, 10);
    // Standardised betas: (r1 − r2·r12)/(1 − r12²).
    expect(result.beta[0]).toBeCloseTo((r1 - r2 * r12) / (1 - r12 ** 2), 8);
  });

  it("shares credit between duplicated drivers instead of failing", () => {
    const draw = normals(11);
    const x1 = Array.from({ length: 200 }, draw);
    const y = x1.map((v) => v + 0.3 * draw());
    const result = shapleyRegression([x1, [...x1]], y);
    expect(result.weights[0]).toBeCloseTo(0.5, 6);
    expect(result.weights[1]).toBeCloseTo(0.5, 6);
  });

  it("solves a linear system", () => {
    expect(
      solve(
        [
          [2, 1],
          [1, 3],
        ],
        [3, 5],
      ).map((v) => Math.round(v * 1e6) / 1e6),
    ).toEqual([0.8, 1.4]);
  });
});
