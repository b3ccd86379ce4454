import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { funnelReference } from "../src/core/journeys/funnel-reference.ts";
import { funnelResult } from "../src/core/journeys/funnel-result.ts";
import { FunnelSpecSchema } from "../src/core/journeys/specs.ts";
import { funnelRows, funnelSql, getFunnel } from "../src/journeys/funnel.ts";
import { profileKey } from "../src/journeys/journey-profile.ts";
import type { EventStore } from "../src/store/event-store.ts";
import { breakdownArb, funnelArb } from "./support/journey-arbitraries.ts";
import { expectSameResult, loadLog, logArb, toStored } from "./support/journey-logs.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

for (const dialect of DIALECTS) {
  describe(`journey funnels: ${dialect}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await freshStore(dialect));
    });
    afterAll(async () => cleanup());

    it("gives the reference's answer on random logs", async () => {
      await fc.assert(
        fc.asyncProperty(logArb(), funnelArb, async (log, spec) => {
          const events = await loadLog(store, log, profileKey(store.dialect, "e"));
          const { sql, values } = funnelSql(store.dialect, spec);
          const rows = funnelRows(await store.query(sql, values), spec.steps.length);
          const actual = funnelResult(
            spec,
            rows.total,
            rows.weeks,
            spec.breakdown ? rows.buckets : undefined,
          );
          const ref = funnelReference(events, spec);
          const expected = funnelResult(spec, ref.total, ref.weeks, ref.buckets);
          expectSameResult(actual, expected);
        }),
        { numRuns: 100 },
      );
    });

    it("follows the documented semantics on hand-made journeys", async () => {
      for (const scenario of SCENARIOS) {
        await store.exec("DELETE FROM events");
        await store.insertEvents(scenarioEvents(scenario.events));
        const result = await getFunnel(store, FunnelSpecSchema.parse(scenario.funnel));
        const reached = result.steps.map((s) => s.profiles).lastIndexOf(1) + 1;
        expect({ name: scenario.name, reached }).toEqual({
          name: scenario.name,
          reached: scenario.reached,
        });
        if (scenario.gapMs !== undefined) {
          expect(result.steps.at(-1)?.medianMsFromPrevious, scenario.name).toBe(scenario.gapMs);
        }
      }
    });

    it("loses no profile in a breakdown", async () => {
      await fc.assert(
        fc.asyncProperty(logArb(), funnelArb, breakdownArb, async (log, spec, breakdown) => {
          await loadLog(store, log, profileKey(store.dialect, "e"));
          const whole = await getFunnel(store, { ...spec, breakdown: undefined });
          const split = await getFunnel(
            store,
            FunnelSpecSchema.parse({ ...specInput(spec), breakdown }),
          );
          const groups = split.breakdown?.groups ?? [];
          spec.steps.forEach((_, i) => {
            const sum = groups.reduce((total, g) => total + (g.steps[i]?.profiles ?? 0), 0);
            expect(sum).toBe(whole.steps[i]?.profiles);
          });
          expect(split.steps).toEqual(whole.steps);
        }),
        { numRuns: 25 },
      );
    });
  });
}

const MIN = 60_000;
/** Hand-made one-profile journeys: "Name@minute#messageId" each. */
const SCENARIOS: {
  name: string;
  events: string[];
  funnel: object;
  reached: number;
  gapMs?: number;
}[] = [
  {
    name: "window is inclusive",
    events: ["A@0#1", "B@60#2"],
    funnel: { steps: ["A", "B"], window: "60m" },
    reached: 2,
    gapMs: 60 * MIN,
  },
  {
    name: "window excludes later",
    events: ["A@0#1", "B@61#2"],
    funnel: { steps: ["A", "B"], window: "60m" },
    reached: 1,
  },
  {
    name: "ties: message id b after a",
    events: ["A@0#b", "B@0#a"],
    funnel: { steps: ["A", "B"] },
    reached: 1,
  },
  {
    name: "ties: message id a before b",
    events: ["A@0#a", "B@0#b"],
    funnel: { steps: ["A", "B"] },
    reached: 2,
    gapMs: 0,
  },
  { name: "one event is one step", events: ["A@0#1"], funnel: { steps: ["A", "A"] }, reached: 1 },
  {
    name: "repeated event, two steps",
    events: ["A@0#1", "A@5#2"],
    funnel: { steps: ["A", "A"] },
    reached: 2,
  },
  {
    name: "latest start wins",
    events: ["A@0#1", "A@6000#2", "B@6060#3"],
    funnel: { steps: ["A", "B"], window: "2h" },
    reached: 2,
    gapMs: 60 * MIN,
  },
  {
    name: "window from the start, not the previous step",
    events: ["A@0#1", "B@50#2", "C@100#3"],
    funnel: { steps: ["A", "B", "C"], window: "90m" },
    reached: 2,
  },
  {
    name: "a later attempt goes further",
    events: ["A@0#1", "B@10#2", "A@200#3", "B@210#4", "C@220#5"],
    funnel: { steps: ["A", "B", "C"], window: "30m" },
    reached: 3,
    gapMs: 10 * MIN,
  },
  {
    name: "strict needs the very next event",
    events: ["A@0#1", "C@1#2", "B@2#3"],
    funnel: { steps: ["A", "B"], mode: "strict" },
    reached: 1,
  },
  {
    name: "ordered allows events between",
    events: ["A@0#1", "C@1#2", "B@2#3"],
    funnel: { steps: ["A", "B"] },
    reached: 2,
  },
  {
    name: "strict, adjacent",
    events: ["A@0#1", "C@1#2", "A@2#3", "B@3#4"],
    funnel: { steps: ["A", "B"], mode: "strict" },
    reached: 2,
  },
  {
    name: "exclusion between steps",
    events: ["A@0#1", "X@1#2", "B@2#3"],
    funnel: { steps: ["A", "B"], exclusions: [{ event: "X" }] },
    reached: 1,
  },
  {
    name: "exclusion after the range",
    events: ["A@0#1", "B@1#2", "X@2#3", "C@3#4"],
    funnel: { steps: ["A", "B", "C"], exclusions: [{ event: "X", from: 1, to: 2 }] },
    reached: 3,
  },
  {
    name: "exclusion ends one attempt only",
    events: ["A@0#1", "X@1#2", "A@2#3", "B@3#4"],
    funnel: { steps: ["A", "B"], exclusions: [{ event: "X" }] },
    reached: 2,
  },
  {
    name: "any order",
    events: ["B@0#1", "A@60#2"],
    funnel: { steps: ["A", "B"], mode: "any", window: "1h" },
    reached: 2,
  },
  {
    name: "any order, window",
    events: ["B@0#1", "A@61#2"],
    funnel: { steps: ["A", "B"], mode: "any", window: "1h" },
    reached: 1,
  },
  {
    name: "wildcards",
    events: ["Order 1@0#1", "Order Completed@1#2"],
    funnel: { steps: ["Order *", "* Completed"] },
    reached: 2,
  },
];

function scenarioEvents(events: string[]) {
  return toStored(
    events.map((spec, index) => {
      const [, name, minute, id] = /^(.*)@(\d+)#(.*)$/.exec(spec) ?? [];
      const entry = {
        profile: 0,
        anonymous: false,
        event: name,
        channel: "web",
        hour: 0,
        minute: Number(minute),
        id: "",
        messageId: id ?? String(index),
      };
      return entry as unknown as Parameters<typeof toStored>[0][number];
    }),
  );
}

/** A parsed spec back in input form (window in ms is accepted as is). */
function specInput(spec: ReturnType<typeof FunnelSpecSchema.parse>) {
  const { breakdown: _b, ...rest } = spec;
  return rest;
}
