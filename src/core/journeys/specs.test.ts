import { describe, expect, it } from "vitest";
import { funnelInput, ParamError, pathsInput } from "./query-params.ts";
import { DurationSchema, FunnelSpecSchema, PathsSpecSchema } from "./specs.ts";

describe("journey specs", () => {
  it("reads durations", () => {
    expect(DurationSchema.parse("7d")).toBe(604_800_000);
    expect(DurationSchema.parse("90m")).toBe(5_400_000);
    expect(DurationSchema.parse(1500)).toBe(1500);
    expect(DurationSchema.safeParse("soon").success).toBe(false);
  });

  it("gives a funnel its defaults and names bad fields", () => {
    const spec = FunnelSpecSchema.parse({ steps: ["A", { event: "B*", label: "any B" }] });
    expect(spec).toMatchObject({ mode: "ordered", window: 604_800_000, breakdownLimit: 20 });
    expect(spec.steps[1]).toEqual({ event: "B*", label: "any B" });
    const bad = FunnelSpecSchema.safeParse({
      steps: ["A", "B"],
      exclusions: [{ event: "X", from: 2, to: 2 }],
    });
    expect(bad.error?.issues[0]?.path).toEqual(["exclusions", 0]);
    expect(
      FunnelSpecSchema.safeParse({ steps: ["A", "B"], mode: "any", exclusions: [{ event: "X" }] })
        .success,
    ).toBe(false);
    expect(
      FunnelSpecSchema.parse({ steps: ["A", "B", "C"], exclusions: [{ event: "X" }] }).exclusions,
    ).toEqual([{ event: "X", from: 1, to: 3 }]);
  });

  it("canonicalises channel names in filters and segments", () => {
    const spec = FunnelSpecSchema.parse({
      steps: ["A", "B"],
      channels: ["Call Centre"],
      segment: { channel: "POS" },
    });
    expect(spec.channels).toEqual(["call_center"]);
    expect(spec.segment).toEqual({ channel: ["store"] });
  });

  it("turns query strings into specs", () => {
    const input = funnelInput({
      step: ["A", "B"],
      window: "2h",
      channel: "web,app",
      exclude: ["X:1:2"],
      breakdown: "property:plan",
      segment: '{"trait":"tier","value":"gold"}',
    });
    expect(FunnelSpecSchema.parse(input)).toMatchObject({
      window: 7_200_000,
      channels: ["web", "app"],
      exclusions: [{ event: "X", from: 1, to: 2 }],
      breakdown: { by: "property", key: "plan" },
      segment: { trait: "tier", op: "eq", value: "gold" },
    });
    expect(() => funnelInput({ segment: "{oops" })).toThrow(ParamError);
    expect(
      PathsSpecSchema.parse(pathsInput({ end: "Churned", collapseRepeats: "false", depth: "3" })),
    ).toMatchObject({
      end: "Churned",
      collapseRepeats: false,
      depth: 3,
    });
    expect(PathsSpecSchema.safeParse(pathsInput({ start: "A", end: "B" })).success).toBe(false);
  });
});
