import { describe, expect, it } from "vitest";
import { DEFAULT_FRICTION_CONFIG, FrictionConfigSchema } from "./friction-config.ts";
import { BreakpointsSpecSchema, FrictionSpecSchema, resolveOutcome } from "./specs.ts";

const issue = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues[0]?.path.join(".");

describe("friction specs", () => {
  it("default to churn as configured (the demo's Account Closed, no inactivity rule)", () => {
    const spec = BreakpointsSpecSchema.parse({});
    expect(resolveOutcome(spec, DEFAULT_FRICTION_CONFIG, "churn")).toEqual({
      kind: "churn",
      events: ["Account Closed"],
      inactivityDays: 0,
      leadInMs: 3_600_000,
    });
    expect(spec).toMatchObject({ maxLength: 4, alpha: 0.05, minProfiles: 10, limit: 20 });
    // Friction has no outcome unless asked; a churn setting asks for churn.
    expect(resolveOutcome(FrictionSpecSchema.parse({}), DEFAULT_FRICTION_CONFIG)).toBeUndefined();
    const asked = FrictionSpecSchema.parse({ inactivityDays: 30 });
    expect(resolveOutcome(asked, DEFAULT_FRICTION_CONFIG)).toMatchObject({
      kind: "churn",
      inactivityDays: 30,
    });
  });

  it("overrides the config per query, and reads a goal alone as outcome goal", () => {
    const config = FrictionConfigSchema.parse({ churn: { inactivityDays: 90 } });
    const churn = BreakpointsSpecSchema.parse({ churnEvents: "Closed*", leadInMinutes: 0 });
    expect(resolveOutcome(churn, config, "churn")).toEqual({
      kind: "churn",
      events: ["Closed*"],
      inactivityDays: 90,
      leadInMs: 0,
    });
    const goal = BreakpointsSpecSchema.parse({ goal: "Order Completed" });
    expect(resolveOutcome(goal, config, "churn")).toEqual({
      kind: "goal",
      events: ["Order Completed"],
    });
  });

  it("names the bad field", () => {
    const cases: [unknown, string][] = [
      [{ outcome: "goal" }, "goal"],
      [{ outcome: "churn", goal: "X" }, "goal"],
      [{ goal: "X", inactivityDays: 3 }, "inactivityDays"],
      [{ maxLength: 5 }, "maxLength"],
      [{ alpha: 0 }, "alpha"],
      [{ minLift: 0.5 }, "minLift"],
      [{ churnEvents: [] }, "churnEvents"],
      [{ unknown: 1 }, ""],
    ];
    for (const [input, field] of cases) {
      const result = BreakpointsSpecSchema.safeParse(input);
      expect(result.success, JSON.stringify(input)).toBe(false);
      expect(issue(result), JSON.stringify(input)).toBe(field);
    }
  });

  it("validates the config section", () => {
    expect(FrictionConfigSchema.safeParse({ dwellFactor: 1 }).success).toBe(false);
    expect(FrictionConfigSchema.safeParse({ weights: { failure: -1 } }).success).toBe(false);
    const zero = {
      dropOff: 0,
      failure: 0,
      repeat: 0,
      longDwell: 0,
      channelSwitch: 0,
      negativeFeedback: 0,
    };
    expect(FrictionConfigSchema.safeParse({ weights: zero }).success).toBe(false);
    expect(DEFAULT_FRICTION_CONFIG.failureEvents).toEqual([
      "*Failed",
      "*Error",
      "*Timeout",
      "*Abandoned",
    ]);
    expect(DEFAULT_FRICTION_CONFIG.channelSwitchMinutes).toBe(60);
  });
});
