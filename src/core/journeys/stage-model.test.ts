import { describe, expect, it } from "vitest";
import { mapResult } from "./dfg-result.ts";
import { MapSpecSchema } from "./specs.ts";
import {
  DEFAULT_STAGE_MODEL,
  JourneysConfigSchema,
  StageModelSchema,
  stageOf,
} from "./stage-model.ts";

describe("stage model", () => {
  it("gives every event a stage: the first matching stage, else the unmatched stage", () => {
    expect(stageOf(DEFAULT_STAGE_MODEL, "Ad Clicked")).toBe("awareness");
    expect(stageOf(DEFAULT_STAGE_MODEL, "Product Viewed")).toBe("consideration");
    expect(stageOf(DEFAULT_STAGE_MODEL, "Checkout Step Viewed")).toBe("purchase");
    expect(stageOf(DEFAULT_STAGE_MODEL, "Account Opened")).toBe("purchase");
    expect(stageOf(DEFAULT_STAGE_MODEL, "Account Query")).toBe("service");
    expect(stageOf(DEFAULT_STAGE_MODEL, "Referral Sent")).toBe("loyalty");
    expect(stageOf(DEFAULT_STAGE_MODEL, "Something Else")).toBe("awareness");
  });

  it("validates configured stages", () => {
    const model = StageModelSchema.parse({
      stages: [{ name: "a", events: ["X*"] }, { name: "b" }],
    });
    expect(model.unmatchedStage).toBe("a");
    expect(StageModelSchema.safeParse({ stages: [{ name: "a" }, { name: "a" }] }).success).toBe(
      false,
    );
    expect(
      StageModelSchema.safeParse({ stages: [{ name: "a" }], unmatchedStage: "z" }).success,
    ).toBe(false);
    expect(JourneysConfigSchema.parse(undefined)).toMatchObject({
      sessionGapMinutes: 30,
      unmatchedStage: "awareness",
    });
  });
});

describe("journey map pruning", () => {
  const counts = {
    activities: [],
    starts: [],
    ends: [],
    variants: [],
    edges: [
      { from: "A", to: "B", count: 90, profiles: 50, medianMs: 1 },
      { from: "A", to: "C", count: 10, profiles: 9, medianMs: 1 },
      { from: "B", to: "C", count: 40, profiles: 30, medianMs: 1 },
      { from: "C", to: "A", count: 2, profiles: 2, medianMs: 1 },
    ],
  };

  it("keeps edges by count, share of the source's transitions, and number", () => {
    const keep = (spec: object) =>
      mapResult(MapSpecSchema.parse(spec), counts, 60).edges.map((e) => `${e.from}${e.to}`);
    expect(keep({})).toEqual(["AB", "BC", "AC", "CA"]);
    expect(keep({ minCount: 5 })).toEqual(["AB", "BC", "AC"]);
    expect(keep({ minShare: 0.2 })).toEqual(["AB", "BC", "CA"]);
    expect(keep({ maxEdges: 2 })).toEqual(["AB", "BC"]);
    expect(mapResult(MapSpecSchema.parse({ maxEdges: 2 }), counts, 60).pruning).toMatchObject({
      edges: 4,
      kept: 2,
    });
  });
});
