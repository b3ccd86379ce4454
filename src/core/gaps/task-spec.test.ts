import { describe, expect, it } from "vitest";
import { AppError } from "../app-error.ts";
import { resolveTasks } from "./specs.ts";
import { parseTaskNotation, TaskSchema, TasksConfigSchema, taskNotation } from "./task-spec.ts";

describe("task definitions", () => {
  it("parses the DESIGN notation", () => {
    const task = TaskSchema.parse(
      "transfer: Transfer Started → Transfer Completed | Transfer Failed within 10m",
    );
    expect(task).toEqual({
      name: "transfer",
      start: "Transfer Started",
      success: ["Transfer Completed"],
      failure: ["Transfer Failed"],
      windowMs: 600_000,
      kind: "usability",
      value: 1,
      touchpoints: ["transfer"],
    });
    expect(taskNotation(task)).toBe(
      "transfer: Transfer Started → Transfer Completed | Transfer Failed within 10m",
    );
  });

  it("accepts ->, several outcomes, no failure and the default window", () => {
    expect(parseTaskNotation("pay: Checkout Started -> Order Completed, Order Paid")).toEqual({
      name: "pay",
      start: "Checkout Started",
      success: ["Order Completed", "Order Paid"],
      failure: [],
    });
    expect(TaskSchema.parse("pay: A → B").windowMs).toBe(3_600_000);
  });

  it("takes the object form", () => {
    const task = TaskSchema.parse({
      name: "chat",
      start: "Support Chat Started",
      success: "Support Chat Ended",
      failure: ["Customer Service Response Timeout"],
      window: "30m",
      kind: "service",
      value: 20,
      touchpoints: ["live_chat"],
    });
    expect(task).toMatchObject({ windowMs: 1_800_000, kind: "service", value: 20 });
  });

  it("refuses malformed tasks with the reason", () => {
    expect(TaskSchema.safeParse("no colon here").success).toBe(false);
    expect(TaskSchema.safeParse("x: A → B → C").error?.issues[0]?.message).toMatch(/one '→'/);
    expect(TaskSchema.safeParse("x: A →  | C").error?.issues[0]?.path).toEqual(["success"]);
    expect(TaskSchema.safeParse("x: A → B within soon").error?.issues[0]?.path).toEqual(["window"]);
  });

  it("defaults to the demo's transfer task and refuses duplicate names", () => {
    expect(TasksConfigSchema.parse(undefined).map((t) => t.name)).toEqual(["transfer"]);
    const twice = TasksConfigSchema.safeParse(["a: X → Y", "a: X → Z"]);
    expect(twice.error?.issues[0]?.path).toEqual([1]);
  });

  it("resolves configured names and inline definitions, naming the bad one", () => {
    const configured = TasksConfigSchema.parse(undefined);
    expect(resolveTasks(undefined, configured)).toEqual(configured);
    expect(resolveTasks(["transfer", "pay: A → B"], configured).map((t) => t.name)).toEqual([
      "transfer",
      "pay",
    ]);
    const error = (() => {
      try {
        resolveTasks(["transfer", "nope"], configured);
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error?.field).toBe("tasks.1");
    expect(error?.message).toMatch(/no task named nope/);
  });
});
