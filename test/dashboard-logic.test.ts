import { describe, expect, it } from "vitest";
import type { RetentionResult } from "../src/core/journeys/retention-reference.ts";
import type { StagesResult } from "../src/core/journeys/stages-reference.ts";
import type { GapsResult } from "../src/gaps/gaps.ts";
import { escapeHtml } from "../web/src/charts/echarts.ts";
import {
  filterParams,
  globalQuery,
  nextDay,
  readFilters,
  simpleTrait,
  traitSegment,
} from "../web/src/filters/filters.ts";
import { gapMatrix } from "../web/src/pages/consistency-matrix.ts";
import { forceLayout } from "../web/src/pages/graph-layout.ts";
import { overviewKpis } from "../web/src/pages/overview-kpis.ts";

describe("dashboard filters", () => {
  it("sends the day after the inclusive `to`, across month and year ends", () => {
    expect(nextDay("2026-01-31")).toBe("2026-02-01");
    expect(nextDay("2024-02-28")).toBe("2024-02-29");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
  });

  it("reads the URL query into API parameters and ignores malformed days", () => {
    const filters = readFilters(
      new URLSearchParams(
        "from=2026-03-01&to=2026-03-31&channel=app&channel=web&segment=%7B%7D&x=1",
      ),
    );
    expect(filterParams(filters)).toEqual({
      from: "2026-03-01",
      to: "2026-04-01",
      channel: ["app", "web"],
      segment: "{}",
    });
    expect(readFilters(new URLSearchParams("from=03/01/2026")).from).toBeUndefined();
    expect(globalQuery(new URLSearchParams("step=A&channel=app&from=2026-03-01"))).toBe(
      "?from=2026-03-01&channel=app",
    );
  });

  it("edits only simple trait segments; other segment ASTs stay as they are", () => {
    const segment = traitSegment(" tier ", "gold") as string;
    expect(JSON.parse(segment)).toEqual({ trait: "tier", value: "gold" });
    expect(simpleTrait(segment)).toEqual({ trait: "tier", value: "gold" });
    expect(simpleTrait('{"and":[{"channel":"app"}]}')).toBeNull();
    expect(simpleTrait('{"trait":"tier","op":"neq","value":"gold"}')).toBeNull();
    expect(traitSegment("tier", " ")).toBeUndefined();
  });
});

describe("overview KPIs", () => {
  const stage = (name: string, profiles: number) => ({
    stage: name,
    order: 0,
    events: 0,
    profiles,
    furthest: 0,
  });
  it("counts active customers as the cohorts' sizes; pools week 1 over cohorts that reached it", () => {
    const kpis = overviewKpis(
      {
        stages: [stage("awareness", 170), stage("purchase", 45), stage("loyalty", 9)],
        transitions: [],
        firstReached: [
          { week: "2026-03-02T00:00:00.000Z", stage: "purchase", profiles: 20 },
          { week: "2026-03-09T00:00:00.000Z", stage: "purchase", profiles: 25 },
        ],
      } as StagesResult,
      {
        period: "week",
        cohorts: [
          { cohort: "a", profiles: 100, returned: [100, 40], rates: [1, 0.4] },
          { cohort: "b", profiles: 50, returned: [50, 20], rates: [1, 0.4] },
          { cohort: "c", profiles: 30, returned: [30, null], rates: [1, null] },
        ],
        active: { interval: "day", series: [{ period: "d", profiles: 7 }] },
      } as RetentionResult,
    );
    expect(kpis.activeCustomers).toBe(180); // 100 + 50 + 30
    expect(kpis.purchaseConversion).toBe(0.25); // 45 / 180
    expect(kpis.loyaltyShare).toBe(0.05); // 9 / 180
    expect(kpis.week1Retention).toBe(0.4); // (40 + 20) / (100 + 50); cohort c has no week 1 yet
    expect(kpis.purchaseTrend).toEqual([20, 25]);
  });
});

describe("gap matrix", () => {
  it("puts each task × metric in a row, the best channel at 0 and each gap in its channel", () => {
    const gap = (channel: string, metric: string, relativeGap: number, value: number) => ({
      task: "transfer",
      channel,
      metric,
      bestChannel: "web",
      bestValue: 0.97,
      relativeGap,
      value,
    });
    const { rows, channels, cells } = gapMatrix([
      gap("app", "completion", 0.16, 0.81),
      gap("branch", "completion", 0.02, 0.95),
    ] as unknown as GapsResult["gaps"]);
    expect(rows).toEqual([{ task: "transfer", metric: "completion" }]);
    expect(channels).toEqual(["app", "branch", "web"]);
    expect(cells.map((c) => [channels[c.col], c.relativeGap, c.value])).toEqual([
      ["web", 0, 0.97],
      ["app", 0.16, 0.81],
      ["branch", 0.02, 0.95],
    ]);
  });
});

describe("chart tooltips", () => {
  it("escape data values, which ECharts would put in the page as HTML", () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe(
      "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;",
    );
    expect(escapeHtml("转账失败 → Transfer Failed")).toBe("转账失败 → Transfer Failed");
  });
});

describe("journey map layout", () => {
  // Two clusters of four, joined by one link.
  const names = ["a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"];
  const ring = (p: string) =>
    [1, 2, 3, 4].map((i) => ({ from: `${p}${i}`, to: `${p}${(i % 4) + 1}`, weight: 10 }));
  const edges = [...ring("a"), ...ring("b"), { from: "a1", to: "b1", weight: 1 }];
  const distance = (p: { x: number; y: number }, q: { x: number; y: number }) =>
    Math.hypot(p.x - q.x, p.y - q.y);

  it("gives the same picture for the same graph, every node placed", () => {
    const first = forceLayout(names, edges, { aspect: 1.6 });
    expect(forceLayout(names, edges, { aspect: 1.6 })).toEqual(first);
    expect([...first.keys()]).toEqual(names);
    for (const p of first.values()) {
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    }
  });

  it("keeps each cluster together and apart from the other", () => {
    const placed = forceLayout(names, edges);
    const at = (name: string) => placed.get(name) as { x: number; y: number };
    const centre = (p: string) => ({
      x: [1, 2, 3, 4].reduce((s, i) => s + at(`${p}${i}`).x, 0) / 4,
      y: [1, 2, 3, 4].reduce((s, i) => s + at(`${p}${i}`).y, 0) / 4,
    });
    const spread = (p: string) =>
      Math.max(...[1, 2, 3, 4].map((i) => distance(at(`${p}${i}`), centre(p))));
    const gap = distance(centre("a"), centre("b"));
    expect(gap).toBeGreaterThan(spread("a"));
    expect(gap).toBeGreaterThan(spread("b"));
    // No two nodes on one spot.
    for (const [i, n] of names.entries())
      for (const m of names.slice(i + 1)) expect(distance(at(n), at(m))).toBeGreaterThan(0.05);
  });
});
