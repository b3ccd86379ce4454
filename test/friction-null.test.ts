import { describe, expect, it } from "vitest";
import { breakpointsResult, testedCounts } from "../src/core/friction/breakpoints-result.ts";
import { DEFAULT_FRICTION_CONFIG } from "../src/core/friction/friction-config.ts";
import { ngramReference } from "../src/core/friction/ngram-reference.ts";
import { BreakpointsSpecSchema, resolveOutcome } from "../src/core/friction/specs.ts";
import { nullLog } from "./support/friction-logs.ts";
import { toJourney } from "./support/journey-logs.ts";

// The false-positive control of the breakpoint contrast, on the reference counts (the stores
// give the same counts: test/friction.int.test.ts): logs where churn is independent of the
// journey must not produce findings beyond the false-discovery rate.
describe("breakpoints on logs with no planted effect", () => {
  it("report a finding in at most a few of 40 logs (BH at q < 0.05)", () => {
    const spec = BreakpointsSpecSchema.parse({});
    const outcome = resolveOutcome(spec, DEFAULT_FRICTION_CONFIG, "churn");
    if (!outcome) throw new Error("no outcome");
    let withFindings = 0;
    let tested = 0;
    for (let seed = 100; seed < 140; seed++) {
      const events = toJourney(nullLog(seed, 500), new Map());
      const counts = testedCounts(ngramReference(events, {}, outcome, spec), spec);
      const result = breakpointsResult(
        counts,
        spec,
        outcome,
        DEFAULT_FRICTION_CONFIG.failureEvents,
      );
      tested += result.tested;
      if (result.findings.length > 0) withFindings++;
    }
    expect(tested / 40).toBeGreaterThan(50);
    // Under the complete null P(any finding) ≤ 0.05 per log: ≥ 5 of 40 has probability < 5%.
    expect(withFindings).toBeLessThanOrEqual(4);
  });

  it("does find an effect planted the same way (the test has power)", () => {
    const spec = BreakpointsSpecSchema.parse({});
    const outcome = resolveOutcome(spec, DEFAULT_FRICTION_CONFIG, "churn");
    if (!outcome) throw new Error("no outcome");
    // Churners (and only they) go through app:Card Locked → app:Support Timeout first.
    const stored = nullLog(7, 500);
    const churned = new Set(
      stored.filter((e) => e.event === "Account Closed").map((e) => e.userId),
    );
    const planted = stored.flatMap((e, i) => {
      const first = i === 0 || stored[i - 1]?.userId !== e.userId;
      if (!first || !churned.has(e.userId)) return [e];
      const at = (k: number) => ({
        ...e,
        messageId: `${e.messageId}-p${k}`,
        event: k === 0 ? "Card Locked" : "Support Timeout",
        channel: "app" as const,
        timestamp: new Date(e.timestamp.getTime() - (2 - k) * 60_000),
      });
      return [at(0), at(1), e];
    });
    const counts = testedCounts(
      ngramReference(toJourney(planted, new Map()), {}, outcome, spec),
      spec,
    );
    const result = breakpointsResult(counts, spec, outcome, DEFAULT_FRICTION_CONFIG.failureEvents);
    expect(result.findings[0]?.label).toBe("app:Card Locked → app:Support Timeout");
    expect(result.findings[0]?.shareOfBad).toBe(1);
  });
});
