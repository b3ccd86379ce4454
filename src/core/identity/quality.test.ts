import { describe, expect, it } from "vitest";
import { IdentityGraph } from "./identity-graph.ts";
import { DEFAULT_IDENTITY_OPTIONS } from "./identity-options.ts";
import { pairwiseQuality } from "./quality.ts";
import { randomIdentityLog } from "./random-identity-log.ts";

describe("pairwise quality", () => {
  it("counts identifier pairs", () => {
    const truth = [
      ["a", "b", "c"],
      ["d", "e"],
    ];
    // a, b together; c alone; d, e wrongly merged with c.
    const profiles: Record<string, string> = { a: "p1", b: "p1", c: "p2", d: "p2", e: "p2" };
    const q = pairwiseQuality(truth, (k) => profiles[k]);
    expect(q).toMatchObject({ truePairs: 4, predictedPairs: 4, correctPairs: 2, identifiers: 5 });
    expect(q.precision).toBe(0.5);
    expect(q.recall).toBe(0.5);
    // Unresolved identifiers are profiles of their own; nothing merged is perfectly precise.
    expect(pairwiseQuality(truth, () => undefined)).toMatchObject({ precision: 1, recall: 0 });
  });
});

describe("identity quality on random logs with traps", () => {
  // Shared family devices, placeholder emails and phones, a front-desk phone typed in for many
  // customers, emails in mixed case with spaces, phones in four formats.
  for (const seed of [1, 2, 3]) {
    it(`meets precision ≥ 0.995 and recall ≥ 0.98 (seed ${seed})`, async () => {
      const log = randomIdentityLog({ persons: 1500, seed });
      expect(log.traps.length).toBeGreaterThan(5);
      const graph = new IdentityGraph(DEFAULT_IDENTITY_OPTIONS);
      for (let i = 0; i < log.events.length; i += 500) {
        await graph.addEvents(log.events.slice(i, i + 500));
      }
      const q = pairwiseQuality(log.truth, (key) => graph.profileOf(key));
      expect(q.precision).toBeGreaterThanOrEqual(0.995);
      expect(q.recall).toBeGreaterThanOrEqual(0.98);
      expect(graph.allConflicts().some((c) => c.kind === "guard")).toBe(true);
    });
  }
});
