import { describe, expect, it } from "vitest";
import type { JourneyEvent } from "../journeys/journey-log.ts";
import { taskAttempts } from "./attempts-reference.ts";
import { continuityReference } from "./continuity-reference.ts";
import { TaskSchema } from "./task-spec.ts";

const MIN = 60_000;
let counter = 0;
/** One event of profile `p` at minute `m` (message ids in creation order). */
const ev = (p: string, m: number, event: string, channel = "app"): JourneyEvent => ({
  profileId: p,
  messageId: `m${String(counter++).padStart(3, "0")}`,
  event,
  channel,
  timestamp: m * MIN,
  properties: {},
  traits: {},
  context: {},
});
const TRANSFER = TaskSchema.parse("transfer: S → OK | KO within 10m");
const outcomes = (events: JourneyEvent[]) =>
  taskAttempts(events, [TRANSFER]).map((a) => [a.start.timestamp / MIN, a.outcome]);

describe("task attempts", () => {
  it("takes the first outcome after the start, within the window (inclusive)", () => {
    expect(outcomes([ev("a", 0, "S"), ev("a", 3, "X"), ev("a", 10, "OK")])).toEqual([
      [0, "completed"],
    ]);
    expect(outcomes([ev("a", 0, "S"), ev("a", 11, "OK")])).toEqual([[0, "abandoned"]]);
    expect(outcomes([ev("a", 0, "S"), ev("a", 2, "KO"), ev("a", 3, "OK")])).toEqual([
      [0, "failed"],
    ]);
  });

  it("closes an attempt at the profile's next start", () => {
    expect(outcomes([ev("a", 0, "S"), ev("a", 2, "S", "web"), ev("a", 4, "OK", "web")])).toEqual([
      [0, "abandoned"],
      [2, "completed"],
    ]);
  });

  it("never pairs events of different profiles, and ignores outcomes before a start", () => {
    expect(outcomes([ev("b", 0, "OK"), ev("a", 1, "S"), ev("b", 2, "OK")])).toEqual([
      [1, "abandoned"],
    ]);
  });

  it("orders ties in time by message id; a success pattern wins over failure", () => {
    const both = TaskSchema.parse("t: S → OK, KO | KO within 10m");
    const events = [ev("a", 5, "S"), ev("a", 5, "KO")];
    expect(taskAttempts(events, [both]).map((a) => a.outcome)).toEqual(["completed"]);
    // The outcome's message id sorts before the start's: it is not after the start.
    const early = { ...ev("a", 5, "OK"), messageId: "a-first" };
    expect(taskAttempts([ev("a", 5, "S"), early], [TRANSFER])[0]?.outcome).toBe("abandoned");
  });
});

describe("continuity", () => {
  const query = (windowMinutes: number, ignoreChannels: string[] = []) => ({
    filters: {},
    tasks: [TRANSFER],
    windowMs: windowMinutes * MIN,
    ignoreChannels,
  });

  it("counts a failed app attempt followed by a call, and the restart there", () => {
    const events = [
      ev("a", 0, "S", "app"),
      ev("a", 2, "KO", "app"),
      ev("a", 30, "Call", "call_center"),
      ev("a", 31, "S", "call_center"),
      ev("a", 35, "OK", "call_center"),
    ];
    const c = continuityReference(events, query(60));
    expect(c.transitions).toBe(4);
    expect(c.switches).toEqual([{ from: "app", to: "call_center", switches: 1, profiles: 1 }]);
    expect(c.attempts).toEqual([{ task: "transfer", attempts: 2 }]);
    expect(c.taskSwitches).toEqual([
      {
        task: "transfer",
        from: "app",
        to: "call_center",
        switches: 1,
        profiles: 1,
        withinTask: 0,
        outcomes: { completed: 0, failed: 1, abandoned: 0 },
        restarts: 1,
        restartOutcomes: { completed: 1, failed: 0, abandoned: 0 },
      },
    ]);
    // A 20-minute window sees no switch from the app attempt (the call comes 30 min later).
    expect(continuityReference(events, query(20)).taskSwitches).toEqual([]);
  });

  it("a switch before the outcome is within the task; the outcome itself is no switch", () => {
    const events = [ev("a", 0, "S", "app"), ev("a", 1, "Chat", "chat"), ev("a", 3, "OK", "crm")];
    const c = continuityReference(events, query(60));
    expect(c.taskSwitches.map((s) => [s.to, s.withinTask, s.restarts])).toEqual([["chat", 1, 0]]);
    const backendOnly = continuityReference(
      [ev("b", 0, "S", "app"), ev("b", 3, "OK", "crm")],
      query(60),
    );
    expect(backendOnly.taskSwitches).toEqual([]);
    expect(backendOnly.switches).toEqual([{ from: "app", to: "crm", switches: 1, profiles: 1 }]);
  });

  it("ignored channels are invisible", () => {
    const events = [
      ev("a", 0, "S", "app"),
      ev("a", 1, "Opened", "email"),
      ev("a", 5, "Visit", "web"),
    ];
    const c = continuityReference(events, query(60, ["email"]));
    expect(c.switches).toEqual([{ from: "app", to: "web", switches: 1, profiles: 1 }]);
    expect(c.taskSwitches.map((s) => s.to)).toEqual(["web"]);
  });
});
