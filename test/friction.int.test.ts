import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testedCounts } from "../src/core/friction/breakpoints-result.ts";
import { FrictionConfigSchema } from "../src/core/friction/friction-config.ts";
import { frictionReference } from "../src/core/friction/friction-reference.ts";
import {
  countedJourneys,
  type NgramCount,
  ngramReference,
} from "../src/core/friction/ngram-reference.ts";
import { BreakpointsSpecSchema, type Outcome } from "../src/core/friction/specs.ts";
import { type Step, sequenceKey } from "../src/core/friction/step.ts";
import type { JourneyEvent } from "../src/core/journeys/journey-log.ts";
import { JourneyFiltersSchema } from "../src/core/journeys/specs.ts";
import { getBreakpoints } from "../src/friction/breakpoints.ts";
import { frictionRows, frictionSql } from "../src/friction/friction-sql.ts";
import { ngramRows, ngramSql } from "../src/friction/ngram-sql.ts";
import { profileKey } from "../src/journeys/journey-profile.ts";
import type { EventStore } from "../src/store/event-store.ts";
import {
  frictionConfigArb,
  frictionLogArb,
  loadStored,
  nullLog,
  signalScenario,
} from "./support/friction-logs.ts";
import { filtersArb as rawFiltersArb } from "./support/journey-arbitraries.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

const outcomeArb: fc.Arbitrary<Outcome> = fc.oneof(
  fc.record({
    kind: fc.constant("churn" as const),
    events: fc.constantFrom<string[]>(["Closed"], ["Help Timeout"], ["*Failed", "Closed"], ["C"]),
    inactivityDays: fc.constantFrom(0, 0, 1, 30),
    leadInMs: fc.constantFrom(0, 0, 60_000, 3_600_000),
  }),
  fc.record({
    kind: fc.constant("goal" as const),
    events: fc.constantFrom<string[]>(["C"], ["Survey *"], ["B", "Closed"]),
  }),
);

const filtersArb = rawFiltersArb.map((f) => JourneyFiltersSchema.parse(f));

const ngramOptionsArb = fc.record({
  maxLength: fc.integer({ min: 1, max: 4 }),
  collapseRepeats: fc.boolean(),
});

const byKey = (grams: readonly NgramCount[]) =>
  new Map(grams.map((g) => [sequenceKey(g.steps), { profiles: g.profiles, bad: g.bad }]));

/** Whether a profile's counted steps contain the sequence (consecutively). */
function wentThrough(steps: readonly JourneyEvent[], sequence: readonly Step[]): boolean {
  for (let i = 0; i + sequence.length <= steps.length; i++) {
    if (
      sequence.every(
        (s, k) => steps[i + k]?.channel === s.channel && steps[i + k]?.event === s.event,
      )
    ) {
      return true;
    }
  }
  return false;
}

for (const dialect of DIALECTS) {
  describe(`friction analytics: ${dialect}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await freshStore(dialect));
    });
    afterAll(async () => cleanup());

    it("counts the profiles of every step sequence as the reference does", async () => {
      let withBad = 0;
      await fc.assert(
        fc.asyncProperty(
          frictionLogArb(),
          filtersArb,
          outcomeArb,
          ngramOptionsArb,
          async (log, filters, outcome, options) => {
            const events = await loadStored(store, log, profileKey(store.dialect, "e"));
            const { sql, values } = ngramSql(store.dialect, filters, outcome, {
              ...options,
              mode: "all",
            });
            const actual = ngramRows(await store.query(sql, values), options.maxLength);
            const expected = ngramReference(events, filters, outcome, options);
            expect(actual.profiles).toBe(expected.profiles);
            expect(actual.badProfiles).toBe(expected.badProfiles);
            expect(actual.tested).toBe(expected.grams.length);
            expect(byKey(actual.grams)).toEqual(byKey(expected.grams));
            if (expected.badProfiles > 0 && expected.badProfiles < expected.profiles) withBad++;
            // Examples: distinct bad-outcome profiles that went through the sequence.
            const journeys = countedJourneys(events, filters, outcome, options.collapseRepeats);
            for (const g of actual.grams) {
              expect(g.examples.length).toBe(Math.min(g.bad, 2));
              for (const id of g.examples) {
                const journey = journeys.get(id);
                expect(journey?.outcome.bad).toBe(true);
                expect(wentThrough(journey?.steps ?? [], g.steps)).toBe(true);
              }
            }
          },
        ),
        { numRuns: 40 },
      );
      expect(withBad).toBeGreaterThan(10);
    });

    it("tests the same sequences as the reference's support threshold (pruning is exact)", async () => {
      await fc.assert(
        fc.asyncProperty(
          frictionLogArb(60),
          outcomeArb,
          ngramOptionsArb,
          fc.integer({ min: 1, max: 3 }),
          fc.constantFrom(0, 0.2, 0.5),
          async (log, outcome, options, minProfiles, minSupport) => {
            const events = await loadStored(store, log, profileKey(store.dialect, "e"));
            const { sql, values } = ngramSql(store.dialect, {}, outcome, {
              ...options,
              mode: "tested",
              minProfiles,
              minSupport,
            });
            const actual = ngramRows(await store.query(sql, values), options.maxLength);
            const expected = testedCounts(ngramReference(events, {}, outcome, options), {
              minProfiles,
              minSupport,
            });
            expect(actual.tested).toBe(expected.tested);
            expect(byKey(actual.grams)).toEqual(byKey(expected.grams));
          },
        ),
        { numRuns: 40 },
      );
    });

    it("gives the reference's friction signals per step and transition", async () => {
      const seen = new Set<string>();
      await fc.assert(
        fc.asyncProperty(
          frictionLogArb(),
          filtersArb,
          frictionConfigArb,
          fc.constantFrom(5, 30),
          async (log, filters, config, sessionGapMinutes) => {
            const events = await loadStored(store, log, profileKey(store.dialect, "e"));
            const options = { config, sessionGapMinutes };
            const { sql, values } = frictionSql(store.dialect, filters, options);
            const actual = frictionRows(await store.query(sql, values));
            const expected = frictionReference(events, filters, options);
            const steps = (c: typeof actual) =>
              new Map(c.steps.map((s) => [sequenceKey([s.step]), s]));
            const transitions = (c: typeof actual) =>
              new Map(c.transitions.map((t) => [sequenceKey([t.from, t.to]), t]));
            expect({ events: actual.events, profiles: actual.profiles }).toEqual({
              events: expected.events,
              profiles: expected.profiles,
            });
            expect(steps(actual)).toEqual(steps(expected));
            for (const step of expected.steps) {
              for (const [signal, n] of Object.entries(step.signals)) if (n > 0) seen.add(signal);
            }
            const [a, e] = [transitions(actual), transitions(expected)];
            expect([...a.keys()].sort()).toEqual([...e.keys()].sort());
            for (const [key, t] of a) {
              const want = e.get(key);
              expect({ ...t, medianMs: null }).toEqual({ ...want, medianMs: null });
              if (want?.medianMs === null) expect(t.medianMs).toBeNull();
              else
                expect(Math.abs((t.medianMs ?? Number.NaN) - (want?.medianMs ?? 0))).toBeLessThan(
                  1e-6,
                );
            }
          },
        ),
        {
          numRuns: 40,
          examples: [
            [
              signalScenario(),
              {},
              FrictionConfigSchema.parse({
                dwellFactor: 3,
                channelSwitchMinutes: 60,
                stallDays: 30,
                feedback: { windowMinutes: 60 },
                failureEvents: ["*Failed", "*Timeout"],
              }),
              30,
            ],
          ],
        },
      );
      // The logs exercise every signal (else the comparison above proves little).
      expect([...seen].sort()).toEqual([
        "channelSwitch",
        "dropOff",
        "failure",
        "longDwell",
        "loop",
        "negativeFeedback",
        "repeat",
      ]);
    });

    it("finds nothing significant in logs with no planted effect", async () => {
      const config = FrictionConfigSchema.parse({});
      const spec = BreakpointsSpecSchema.parse({});
      let withFindings = 0;
      let tested = 0;
      for (let seed = 1; seed <= 6; seed++) {
        await store.exec("DELETE FROM events");
        await store.insertEvents(nullLog(seed, 400));
        const result = await getBreakpoints(store, spec, config);
        expect(result.badProfiles).toBeGreaterThan(30);
        tested += result.tested;
        if (result.findings.length > 0) withFindings++;
      }
      // Benjamini–Hochberg at q < 0.05 under the complete null: P(any finding) ≤ 0.05 per log.
      expect(tested).toBeGreaterThan(200);
      expect(withFindings).toBeLessThanOrEqual(1);
    });
  });
}
