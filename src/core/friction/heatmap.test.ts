import { describe, expect, it } from "vitest";
import { DEFAULT_STAGE_MODEL } from "../journeys/stage-model.ts";
import { DEFAULT_FRICTION_CONFIG } from "./friction-config.ts";
import type { FrictionCounts, SignalCounts } from "./friction-reference.ts";
import { frictionScore, signalRates } from "./friction-score.ts";
import { heatmap } from "./heatmap.ts";

const none: SignalCounts = {
  dropOff: 0,
  failure: 0,
  repeat: 0,
  loop: 0,
  longDwell: 0,
  channelSwitch: 0,
  negativeFeedback: 0,
};
const step = (
  channel: string,
  event: string,
  occurrences: number,
  signals: Partial<SignalCounts>,
) => ({
  step: { channel, event },
  occurrences,
  profiles: occurrences,
  signals: { ...none, ...signals },
});

// Default weights: dropOff 1, failure 2, repeat 1, longDwell 1, channelSwitch 1, feedback 2 (Σ 8).
const COUNTS: FrictionCounts = {
  events: 60,
  profiles: 10,
  steps: [
    step("app", "Transfer Failed", 10, { failure: 10, negativeFeedback: 2 }),
    step("app", "Account Query", 30, { repeat: 3, loop: 3 }),
    step("web", "Product Viewed", 20, { dropOff: 4 }),
  ],
  transitions: [],
};

describe("friction score", () => {
  it("is the weighted mean of the signal rates", () => {
    // Transfer Failed: failure 1, feedback 0.2 → (2·1 + 2·0.2) / 8 = 0.3
    const rates = signalRates(COUNTS.steps[0]?.signals ?? none, 10);
    expect(frictionScore(rates, DEFAULT_FRICTION_CONFIG.weights)).toBeCloseTo(0.3, 12);
    // Repeats and loops together: 6 / 30 = 0.2 → 0.2 / 8
    const query = signalRates(COUNTS.steps[1]?.signals ?? none, 30);
    expect(query.repeat).toBeCloseTo(0.2, 12);
    expect(frictionScore(query, DEFAULT_FRICTION_CONFIG.weights)).toBeCloseTo(0.025, 12);
  });
});

describe("pain-point heatmap", () => {
  const map = heatmap(COUNTS, {
    model: DEFAULT_STAGE_MODEL,
    weights: DEFAULT_FRICTION_CONFIG.weights,
    top: 5,
  });

  it("has stages as rows and channels by events as columns", () => {
    expect(map.stages).toEqual(["awareness", "consideration", "purchase", "service", "loyalty"]);
    expect(map.channels).toEqual(["app", "web"]);
    expect(map.cells.map((c) => `${c.stage}×${c.channel}`)).toEqual([
      "consideration×web",
      "service×app",
    ]);
  });

  it("scores a cell as the occurrence-weighted mean of its steps, with their shares", () => {
    const cell = map.cells.find((c) => c.stage === "service");
    // failure 10/40, feedback 2/40, repeat 6/40 → (2·0.25 + 2·0.05 + 0.15) / 8 = 0.09375,
    // = (10·0.3 + 30·0.025) / 40.
    expect(cell?.occurrences).toBe(40);
    expect(cell?.frictionScore).toBeCloseTo(0.09375, 12);
    expect(cell?.top.map((t) => [t.label, t.share])).toEqual([
      ["app:Transfer Failed", expect.closeTo(0.8, 12)],
      ["app:Account Query", expect.closeTo(0.2, 12)],
    ]);
    expect(map.maxScore).toBeCloseTo(0.09375, 12);
  });
});
