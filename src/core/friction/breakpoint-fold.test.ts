import { describe, expect, it } from "vitest";
import { foldSequences, stronglyConnected } from "./breakpoint-fold.ts";
import { smoothedLift, type TestedSequence } from "./breakpoint-stats.ts";
import { sequenceLabel } from "./step.ts";

const N_BAD = 300;
const N_OTHER = 3000;

/** A significant sequence of app steps with `a` bad-outcome and `b` other profiles. */
function seq(events: string, a: number, b: number): TestedSequence {
  const lift = smoothedLift(a, N_BAD, b, N_OTHER);
  return {
    steps: events.split(" > ").map((event) => ({ channel: "app", event })),
    badProfiles: a,
    otherProfiles: b,
    shareOfBad: a / N_BAD,
    shareOfOthers: b / N_OTHER,
    lift,
    pValue: 0,
    qValue: 0,
    impact: a * lift,
    examples: [],
  };
}

const OPTIONS = { coverage: 0.9, alpha: 0.05, failureEvents: ["*Failed", "*Timeout"] };
const labels = (findings: { steps: TestedSequence["steps"] }[]) =>
  findings.map((f) => sequenceLabel(f.steps));

describe("folding", () => {
  it("reads a family of equivalent sequences as one finding: what the customer did → what failed", () => {
    const family = [
      "Started > Query > Transfer Failed > Support Timeout",
      "Query > Transfer Failed > Support Timeout",
      "Transfer Failed > Support Timeout",
      "Support Timeout",
      "Query > Transfer Failed",
      "Started > Query",
      "Started > Query > Transfer Failed",
    ].map((events) => seq(events, 243, 61));
    // Transfer Failed alone: mostly the same churned customers (243 of 260), lower lift.
    const failed = seq("Transfer Failed", 260, 400);
    // Query alone: 243 of its 271 is under 90% — a finding of its own.
    const query = seq("Query", 271, 936);
    const findings = foldSequences([query, failed, ...family], OPTIONS);
    expect(labels(findings)).toEqual([
      "app:Query → app:Transfer Failed → app:Support Timeout",
      "app:Query",
    ]);
    expect(findings[0]?.context?.map((s) => s.event)).toEqual([
      "Started",
      "Query",
      "Transfer Failed",
      "Support Timeout",
    ]);
    expect(findings[0]?.foldedCount).toBe(7);
    expect(findings[1]?.foldedCount).toBe(0);
  });

  it("folds a longer sequence that is no riskier than its part", () => {
    // Among A > B's profiles, A > B > C's are bad as often (20 of 25 vs 180 of 225).
    const findings = foldSequences([seq("A > B > C", 20, 5), seq("A > B", 200, 50)], OPTIONS);
    expect(labels(findings)).toEqual(["app:A → app:B"]);
    expect(findings[0]?.folded.map((f) => sequenceLabel(f.steps))).toEqual([
      "app:A → app:B → app:C",
    ]);
  });

  it("keeps a longer sequence that is riskier and covers few of its part's profiles", () => {
    const findings = foldSequences([seq("A > B > C", 100, 2), seq("A > B", 200, 300)], OPTIONS);
    expect(labels(findings).sort()).toEqual(["app:A → app:B", "app:A → app:B → app:C"]);
  });

  it("does not merge two findings through a sequence folded into both", () => {
    // A > B is no riskier than A nor than B: it folds into the higher-impact one (B).
    const a = seq("A", 200, 400);
    const b = seq("B", 150, 200);
    const findings = foldSequences([a, b, seq("A > B", 30, 60)], OPTIONS);
    expect(b.impact).toBeGreaterThan(a.impact);
    expect(labels(findings)).toEqual(["app:B", "app:A"]);
    expect(findings.map((f) => f.foldedCount)).toEqual([1, 0]);
  });

  it("shows the longest equivalent sequence when it has no failure step", () => {
    const findings = foldSequences([seq("B > C", 90, 10), seq("A > B > C", 90, 10)], OPTIONS);
    expect(labels(findings)).toEqual(["app:A → app:B → app:C"]);
    expect(findings[0]?.context).toBeNull();
  });
});

describe("strongly connected components", () => {
  it("groups nodes that reach each other", () => {
    const component = stronglyConnected([[1], [2], [0, 3], [4], [3], []]);
    expect(component[0]).toBe(component[1]);
    expect(component[1]).toBe(component[2]);
    expect(component[3]).toBe(component[4]);
    expect(new Set(component).size).toBe(3);
  });
});
