import { describe, expect, it } from "vitest";
import type { JourneyEvent } from "../journeys/journey-log.ts";
import { FrictionConfigSchema } from "./friction-config.ts";
import { frictionReference, type SignalCounts } from "./friction-reference.ts";
import { sequenceLabel } from "./step.ts";

const MIN = 60_000;
const DAY = 86_400_000;
let id = 0;
const ev = (
  profileId: string,
  channel: string,
  event: string,
  timestamp: number,
  properties: Record<string, unknown> = {},
): JourneyEvent => ({
  profileId,
  messageId: `m${String(id++).padStart(3, "0")}`,
  event,
  channel,
  timestamp,
  properties,
  traits: {},
  context: {},
});

// P1 tries a transfer twice in the app, calls, and answers a survey twice (first an NPS 3);
// P3 goes Home → Transfer three times, the last one slowly; P2's visit on day 40 ends the data.
const LOG = [
  ev("P1", "app", "Home", 0),
  ev("P1", "app", "Transfer", 1 * MIN),
  ev("P1", "app", "Pay Failed", 2 * MIN),
  ev("P1", "app", "Transfer", 3 * MIN),
  ev("P1", "app", "Pay Failed", 10 * MIN),
  ev("P1", "call_center", "Call", 20 * MIN),
  ev("P1", "call_center", "Survey Responded", 25 * MIN, { survey_type: "nps", score: 3 }),
  ev("P1", "call_center", "Survey Responded", 26 * MIN, { survey_type: "nps", score: "9" }),
  ev("P3", "app", "Home", 0),
  ev("P3", "app", "Transfer", 1 * MIN),
  ev("P3", "app", "Home", DAY),
  ev("P3", "app", "Transfer", DAY + MIN),
  ev("P3", "app", "Home", 2 * DAY),
  ev("P3", "app", "Transfer", 2 * DAY + 10 * MIN),
  ev("P2", "web", "Home", 40 * DAY),
];

const none: SignalCounts = {
  dropOff: 0,
  failure: 0,
  repeat: 0,
  loop: 0,
  longDwell: 0,
  channelSwitch: 0,
  negativeFeedback: 0,
};

describe("friction signals (reference)", () => {
  const config = FrictionConfigSchema.parse({ failureEvents: ["*Failed"] });
  const counts = frictionReference(LOG, {}, { config, sessionGapMinutes: 30 });
  const step = (label: string) => counts.steps.find((s) => sequenceLabel([s.step]) === label);

  it("counts each signal as documented (worked out by hand)", () => {
    expect({ events: counts.events, profiles: counts.profiles }).toEqual({
      events: 15,
      profiles: 3,
    });
    // Home: P3's Home → Transfer taking 10 min is > 3 × the 1 min median; Home → … → Home twice
    // (loops); P1's first Home is followed by the NPS 3 within the hour.
    expect(step("app:Home")).toEqual({
      step: { channel: "app", event: "Home" },
      occurrences: 4,
      profiles: 2,
      signals: { ...none, loop: 2, longDwell: 1, negativeFeedback: 1 },
    });
    // Transfer: P3's last event 38 days before the end stalls; three loops; two before the NPS 3.
    expect(step("app:Transfer")?.signals).toEqual({
      ...none,
      dropOff: 1,
      loop: 3,
      negativeFeedback: 2,
    });
    // Pay Failed: failures; Failed → Transfer → Failed; then a call within the hour.
    expect(step("app:Pay Failed")?.signals).toEqual({
      ...none,
      failure: 2,
      loop: 1,
      channelSwitch: 1,
      negativeFeedback: 2,
    });
    expect(step("call_center:Call")?.signals).toEqual({ ...none, negativeFeedback: 1 });
    // The NPS 3 is followed by another answer (a repeat, not negative); the NPS 9 stalls.
    expect(step("call_center:Survey Responded")?.signals).toEqual({
      ...none,
      repeat: 1,
      dropOff: 1,
    });
    // The data ends with P2's visit: no stall.
    expect(step("web:Home")?.signals).toEqual(none);
  });

  it("gives each transition its count, median within sessions, dwell and switches", () => {
    const byLabel = new Map(counts.transitions.map((t) => [sequenceLabel([t.from, t.to]), t]));
    expect(byLabel.get("app:Home → app:Transfer")).toMatchObject({
      count: 4,
      profiles: 2,
      medianMs: MIN,
      longDwell: 1,
      channelSwitch: 0,
    });
    expect(byLabel.get("app:Transfer → app:Pay Failed")).toMatchObject({
      count: 2,
      medianMs: 4 * MIN,
      longDwell: 0,
    });
    expect(byLabel.get("app:Pay Failed → call_center:Call")).toMatchObject({
      count: 1,
      channelSwitch: 1,
      medianMs: 10 * MIN,
    });
    // Across days only: no median within a session.
    expect(byLabel.get("app:Transfer → app:Home")).toMatchObject({ count: 2, medianMs: null });
    expect(counts.transitions).toHaveLength(7);
  });

  it("reads ratings and numeric text as scores, per survey type", () => {
    const review = (rating: unknown) =>
      frictionReference(
        [ev("R", "web", "Checkout", 0), ev("R", "web", "Review Submitted", MIN, { rating })],
        {},
        { config, sessionGapMinutes: 30 },
      ).steps.find((s) => s.step.event === "Checkout")?.signals.negativeFeedback;
    expect([review(1), review("2"), review(3), review("bad"), review(true)]).toEqual([
      1, 1, 0, 0, 0,
    ]);
  });
});
