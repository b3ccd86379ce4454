import { describe, expect, it } from "vitest";
import type { JourneyEvent } from "../journeys/journey-log.ts";
import { ngramReference } from "./ngram-reference.ts";
import type { Outcome } from "./specs.ts";
import { sequenceLabel } from "./step.ts";

const MIN = 60_000;
const DAY = 86_400_000;
let id = 0;
const ev = (
  profileId: string,
  channel: string,
  event: string,
  timestamp: number,
): JourneyEvent => ({
  profileId,
  messageId: `m${String(id++).padStart(3, "0")}`,
  event,
  channel,
  timestamp,
  properties: {},
  traits: {},
  context: {},
});

// P1 churns on day 1 + 60 min: C at exactly the lead-in boundary and X inside it do not count.
const LOG = [
  ev("P1", "web", "A", 0),
  ev("P1", "web", "B", 10 * MIN),
  ev("P1", "web", "C", DAY),
  ev("P1", "web", "X", DAY + 30 * MIN),
  ev("P1", "call_center", "Closed", DAY + 60 * MIN),
  ev("P2", "web", "A", 0),
  ev("P2", "web", "A", MIN),
  ev("P2", "web", "B", 2 * MIN),
  ev("P3", "web", "B", 0),
];
const CHURN: Outcome = { kind: "churn", events: ["Closed"], inactivityDays: 0, leadInMs: 60 * MIN };

const counts = (
  outcome: Outcome,
  options = { maxLength: 2, collapseRepeats: false },
  log = LOG,
) => {
  const result = ngramReference(log, {}, outcome, options);
  return {
    profiles: result.profiles,
    bad: result.badProfiles,
    grams: Object.fromEntries(
      result.grams
        .map((g) => [sequenceLabel(g.steps), [g.profiles, g.bad]] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  };
};

describe("n-gram counting (reference)", () => {
  it("counts profiles once per sequence, before the churn event's lead-in", () => {
    expect(counts(CHURN)).toEqual({
      profiles: 3,
      bad: 1,
      grams: {
        "web:A": [2, 1],
        "web:A → web:A": [1, 0],
        "web:A → web:B": [2, 1],
        "web:B": [3, 1],
      },
    });
  });

  it("collapses consecutive repeats when asked", () => {
    const { grams } = counts(CHURN, { maxLength: 2, collapseRepeats: true });
    expect(grams["web:A → web:A"]).toBeUndefined();
    expect(grams["web:A → web:B"]).toEqual([2, 1]);
  });

  it("counts inactive profiles as churned when the rule is on", () => {
    // The data ends with P1's Closed on day 1 + 60 min: P2 and P3 have been quiet for a day.
    expect(counts({ ...CHURN, inactivityDays: 1 }).bad).toBe(3);
    expect(counts({ ...CHURN, inactivityDays: 2 }).bad).toBe(1);
  });

  it("reads a goal not reached as the bad outcome and keeps every step", () => {
    const result = counts(
      { kind: "goal", events: ["C"] },
      { maxLength: 1, collapseRepeats: false },
    );
    expect(result.bad).toBe(2);
    expect(result.grams["call_center:Closed"]).toEqual([1, 0]);
  });

  it("judges the outcome on every channel, whatever the channel filter", () => {
    const log = [ev("P4", "app", "A", 0), ev("P4", "call_center", "Closed", 5 * DAY)];
    const result = ngramReference(log, { channels: ["app"] }, CHURN, {
      maxLength: 1,
      collapseRepeats: false,
    });
    expect(result.badProfiles).toBe(1);
    expect(result.grams.map((g) => sequenceLabel(g.steps))).toEqual(["app:A"]);
  });
});
