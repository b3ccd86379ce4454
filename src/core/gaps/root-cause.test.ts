import { describe, expect, it } from "vitest";
import type { Dimension } from "./dimensions.ts";
import { rootCauses } from "./root-cause.ts";
import type { TaskAggregates } from "./task-aggregates.ts";

const dimension = (key: string, label: string): Dimension => ({
  key,
  label,
  others: `other ${label}s`,
  source: "context",
  path: key.split(".").slice(1),
});
const DIMENSIONS = [
  dimension("context.app.version", "app version"),
  dimension("context.os.name", "OS"),
  dimension("context.device.model", "device model"),
];

type Cell = [version: string, os: string, model: string, attempts: number, completed: number];

/** Aggregates of the app channel's attempts from cells of (version, OS, model) counts. */
function aggregates(cells: Cell[]): TaskAggregates {
  const base = { task: "transfer", channel: "app" };
  const sum = (rows: Cell[]) => ({
    attempts: rows.reduce((n, c) => n + c[3], 0),
    completed: rows.reduce((n, c) => n + c[4], 0),
  });
  const total = sum(cells);
  const values = (i: number) => [...new Set(cells.map((c) => c[i] as string))];
  const dimensions = [0, 1, 2].flatMap((d) =>
    values(d).map((value) => {
      const s = sum(cells.filter((c) => c[d] === value));
      return { ...base, dimension: d, value, ...s, profiles: s.attempts, failed: 0 };
    }),
  );
  const pairs = [
    [0, 1],
    [0, 2],
    [1, 2],
  ].flatMap(([first = 0, second = 0]) =>
    values(first).flatMap((firstValue) =>
      values(second).flatMap((secondValue) => {
        const s = sum(cells.filter((c) => c[first] === firstValue && c[second] === secondValue));
        return s.attempts === 0
          ? []
          : [{ ...base, first, second, firstValue, secondValue, ...s, failed: 0 }];
      }),
    ),
  );
  return {
    channels: [
      { ...base, ...total, profiles: total.attempts, failed: 0, abandoned: 0 },
      {
        ...base,
        channel: "web",
        attempts: 1000,
        profiles: 1000,
        completed: 950,
        failed: 0,
        abandoned: 0,
      },
    ],
    dimensions,
    pairs,
    durations: [],
    scores: [],
  };
}

const causes = (cells: Cell[]) =>
  rootCauses({
    task: "transfer",
    channel: "app",
    metric: "completion",
    bestRate: 0.95,
    aggregates: aggregates(cells),
    dimensions: DIMENSIONS,
    alpha: 0.05,
    limit: 3,
  }).map((c) => `${c.label} ${c.value}`);

describe("root causes", () => {
  it("leaves out a dimension that is worse only through the first cause (the OS of a faulty build)", () => {
    // 5.1.0 is an iOS-only build completing 50%; iOS is worse than Android overall (71% vs
    // 90%: significant on its own), but not on the attempts without 5.1.0 (92% vs 90%).
    const cells: Cell[] = [
      ["5.1.0", "iOS", "A", 200, 100],
      ["5.0.3", "iOS", "A", 200, 184],
      ["5.0.3", "Android", "B", 400, 360],
    ];
    expect(causes(cells)).toEqual(["app version 5.1.0"]);
  });

  it("keeps a second cause that holds without the first (a faulty device model)", () => {
    // Model X (Android, 5.0.3) completes 60% where the rest of 5.0.3 completes 95%.
    const cells: Cell[] = [
      ["5.1.0", "iOS", "Y", 200, 100],
      ["5.0.3", "iOS", "Y", 200, 190],
      ["5.0.3", "Android", "X", 100, 60],
      ["5.0.3", "Android", "Z", 300, 285],
    ];
    expect(causes(cells)).toEqual(["app version 5.1.0", "device model X"]);
  });
});
