import { describe, expect, it } from "vitest";
import { toJourney } from "../../../test/support/journey-logs.ts";
import { taskScenarioEvents } from "../../../test/support/task-scenarios.ts";
import { taskAggregatesReference } from "./attempts-reference.ts";
import { analyseGaps } from "./gap-analysis.ts";
import { GapsConfigSchema } from "./gaps-config.ts";
import type { TaskAggregates } from "./task-aggregates.ts";
import { TasksConfigSchema } from "./task-spec.ts";

const TASKS = TasksConfigSchema.parse(undefined);
const CONFIG = GapsConfigSchema.parse({ dimensions: ["context.app.version"] });

const counts = (
  channel: string,
  attempts: number,
  profiles: number,
  completed: number,
  failed: number,
) => ({
  task: "transfer",
  channel,
  attempts,
  profiles,
  completed,
  failed,
  abandoned: attempts - completed - failed,
});

/** Web 95% complete, app 75%, explained by app 5.1.0 (50% vs 92% on 5.0.3). */
const HAND: TaskAggregates = {
  channels: [
    counts("app", 200, 120, 150, 40),
    counts("branch", 10, 10, 2, 8),
    counts("web", 200, 150, 190, 5),
  ],
  dimensions: [
    {
      task: "transfer",
      channel: "app",
      dimension: 0,
      value: "5.0.3",
      attempts: 120,
      profiles: 70,
      completed: 110,
      failed: 5,
    },
    {
      task: "transfer",
      channel: "app",
      dimension: 0,
      value: "5.1.0",
      attempts: 80,
      profiles: 50,
      completed: 40,
      failed: 35,
    },
    {
      task: "transfer",
      channel: "web",
      dimension: 0,
      value: null,
      attempts: 200,
      profiles: 150,
      completed: 190,
      failed: 5,
    },
  ],
  pairs: [],
  durations: [
    { task: "transfer", channel: "app", ms: 20_000, count: 60 },
    { task: "transfer", channel: "app", ms: 30_000, count: 50 },
    { task: "transfer", channel: "app", ms: 40_000, count: 40 },
    { task: "transfer", channel: "web", ms: 10_000, count: 40 },
    { task: "transfer", channel: "web", ms: 20_000, count: 80 },
    { task: "transfer", channel: "web", ms: 30_000, count: 70 },
  ],
  scores: [],
};

// p-values from SciPy 1.17.1: chi2_contingency(correction=False), mannwhitneyu(method=
// "asymptotic"), false_discovery_control.
describe("gap analysis on hand-made counts", () => {
  const gaps = analyseGaps(TASKS, HAND, CONFIG);

  it("compares each channel with the best one per metric, most impact first", () => {
    expect(gaps.map((g) => [g.channel, g.metric, g.bestChannel, g.priority])).toEqual([
      ["app", "completion", "web", "high"],
      ["app", "failure", "web", "medium"],
      ["app", "time", "web", "medium"],
    ]);
    const [completion, failure, time] = gaps as [
      (typeof gaps)[0],
      (typeof gaps)[0],
      (typeof gaps)[0],
    ];
    expect(completion.value).toBeCloseTo(0.75, 12);
    expect(completion.bestValue).toBeCloseTo(0.95, 12);
    expect(completion.gap).toBeCloseTo(0.2, 12);
    expect(completion.pValue / 2.129708194535617e-8).toBeCloseTo(1, 5);
    // BH over the three comparisons: min(3 × p / rank) = failure's 3.05e-8 × 3/3.
    expect(completion.qValue / 3.053966489048145e-8).toBeCloseTo(1, 5);
    expect(completion.type).toBe("usability");
    // 120 profiles × 0.2 × weight 1 × value 1; failure: 120 × 0.175 × 0.5; time: 120 × (10 s / 30 s) × 0.25.
    expect(completion.impact).toBeCloseTo(24, 9);
    expect(time.value).toBe(30_000);
    expect(time.bestValue).toBe(20_000);
    expect(time.pValue / 3.027855444677101e-12).toBeCloseTo(1, 4);
    expect(time.omnibus.pValue / 3.015144850019673e-12).toBeCloseTo(1, 4);
    expect(time.impact).toBeCloseTo(10, 9);
    expect(failure.gap).toBeCloseTo(0.175, 12);
    expect(failure.pValue / 3.053966489048145e-8).toBeCloseTo(1, 5);
    expect(failure.impact).toBeCloseTo(10.5, 9);
    expect(gaps.every((g) => g.significant)).toBe(true);
  });

  it("leaves out channels below the minimum sample", () => {
    expect(gaps.some((g) => g.channel === "branch" || g.bestChannel === "branch")).toBe(false);
    const lenient = analyseGaps(TASKS, HAND, { ...CONFIG, minSample: 5 });
    expect(lenient.some((g) => g.channel === "branch" && g.metric === "completion")).toBe(true);
  });

  it("finds the dimension value that explains the gap", () => {
    const [completion] = gaps;
    expect(completion?.rootCauses).toHaveLength(1);
    const cause = completion?.rootCauses[0];
    expect(cause).toMatchObject({ dimension: "context.app.version", value: "5.1.0", attempts: 80 });
    expect(cause?.rate).toBeCloseTo(0.5, 12);
    expect(cause?.restRate).toBeCloseTo(110 / 120, 12);
    expect((cause?.pValue ?? 0) / 2.616784937210599e-11).toBeCloseTo(1, 4);
    // (rest 91.67% − channel 75%) / gap 20 pts
    expect(cause?.explainedShare).toBeCloseTo((110 / 120 - 0.75) / 0.2, 12);
    expect(completion?.summary).toBe(
      "transfer · app: completion 75% vs 95% on web (gap 20 pts, p = 2.1e-8) — root cause: app version 5.1.0: 50% vs 92% on other versions",
    );
    const failureCause = gaps[1]?.rootCauses[0];
    expect(failureCause?.value).toBe("5.1.0");
    expect((failureCause?.pValue ?? 0) / 7.079831256656538e-12).toBeCloseTo(1, 4);
    expect(failureCause?.explainedShare).toBeCloseTo((0.2 - 5 / 120) / 0.175, 12);
  });

  it("scores content gaps per channel when content counts are given", () => {
    const content = [
      { channel: "app", items: 40, flagged: 20, profiles: 300 },
      { channel: "web", items: 40, flagged: 0, profiles: 500 },
    ];
    const withContent = analyseGaps(TASKS, HAND, CONFIG, content);
    const gap = withContent.find((g) => g.metric === "content");
    expect(gap).toMatchObject({ task: null, channel: "app", bestChannel: "web", type: "content" });
    expect(gap?.pValue).toBeCloseTo(2.4175638811190183e-7, 13);
    expect(gap?.impact).toBeCloseTo(300 * 0.5 * 0.5, 9);
  });
});

describe("gap analysis on generated transfer logs", () => {
  const run = (seed: number, completion: (channel: string, version: string | null) => number) => {
    const stored = taskScenarioEvents({
      seed,
      profiles: 1500,
      channels: ["web", "app", "branch"],
      completion,
    });
    const events = toJourney(stored, new Map());
    const config = GapsConfigSchema.parse(undefined);
    const aggregates = taskAggregatesReference(events, {
      filters: {},
      tasks: TASKS,
      dimensions: config.dimensions,
    });
    return analyseGaps(TASKS, aggregates, config);
  };

  it("puts a planted app-version gap first, with its root cause", () => {
    const gaps = run(7, (_, version) => (version === "5.1.0" ? 0.55 : 0.93));
    const first = gaps[0];
    expect(first).toMatchObject({ task: "transfer", channel: "app", metric: "completion" });
    expect(first?.significant).toBe(true);
    expect(first?.rootCauses[0]).toMatchObject({
      dimension: "context.app.version",
      value: "5.1.0",
    });
    expect(first?.rootCauses[0]?.rate).toBeGreaterThan(0.45);
    expect(first?.rootCauses[0]?.rate).toBeLessThan(0.65);
  });

  it("reports no significant gap when every channel performs alike", () => {
    expect(run(3, () => 0.9).filter((g) => g.significant)).toEqual([]);
    // Calibration: with no gap anywhere, few logs show a (false) significant gap (nominal 5%;
    // 40 logs, so up to 5 leaves room for chance).
    const flagged = Array.from({ length: 40 }, (_, i) => run(100 + i, () => 0.9)).filter((gaps) =>
      gaps.some((g) => g.significant),
    );
    expect(flagged.length).toBeLessThanOrEqual(5);
  });
});
