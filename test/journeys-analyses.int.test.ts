import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { dfgReference } from "../src/core/journeys/dfg-reference.ts";
import { mapResult } from "../src/core/journeys/dfg-result.ts";
import { pathsReference } from "../src/core/journeys/paths-reference.ts";
import { pathsResult } from "../src/core/journeys/paths-result.ts";
import { retentionReference, retentionResult } from "../src/core/journeys/retention-reference.ts";
import { sessionsReference } from "../src/core/journeys/sessions-reference.ts";
import {
  MapSpecSchema,
  PathsSpecSchema,
  RetentionSpecSchema,
  SessionsSpecSchema,
  StagesSpecSchema,
} from "../src/core/journeys/specs.ts";
import { StageModelSchema } from "../src/core/journeys/stage-model.ts";
import { stagesReference, stagesResult } from "../src/core/journeys/stages-reference.ts";
import { profileKey } from "../src/journeys/journey-profile.ts";
import { getJourneyMap } from "../src/journeys/map.ts";
import { getPaths, groupNames } from "../src/journeys/paths.ts";
import { getRetention } from "../src/journeys/retention.ts";
import { getSessions } from "../src/journeys/sessions.ts";
import { getStages } from "../src/journeys/stages.ts";
import type { EventStore } from "../src/store/event-store.ts";
import {
  filtersArb,
  funnelCoreArb,
  patternArb,
  segmentArb,
} from "./support/journey-arbitraries.ts";
import { expectSameResult, loadLog, logArb } from "./support/journey-logs.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

const RUNS = 40;
const MODEL = StageModelSchema.parse({
  stages: [
    { name: "aware", events: ["A", "E*"] },
    { name: "consider", events: ["B"] },
    { name: "buy", events: ["C", "E_1"] },
  ],
  unmatchedStage: "consider",
});

const pathsArb = fc
  .record({
    anchor: fc.oneof(
      fc.record({ start: patternArb }),
      fc.record({ end: patternArb }),
      fc.constant({}),
      funnelCoreArb.chain((funnel) =>
        fc
          .integer({ min: 1, max: funnel.steps.length - 1 })
          .map((step) => ({ dropOff: { funnel, step } })),
      ),
    ),
    depth: fc.integer({ min: 2, max: 5 }),
    collapseRepeats: fc.boolean(),
    limit: fc.integer({ min: 1, max: 50 }),
    minProfiles: fc.integer({ min: 1, max: 2 }),
    compare: fc.option(
      fc.oneof(
        fc.record({ funnel: funnelCoreArb }),
        fc.record({
          segments: fc.tuple(
            fc.record({ name: fc.constant("a"), segment: segmentArb }),
            fc.record({ name: fc.constant("b"), segment: segmentArb }),
          ),
        }),
      ),
      { nil: undefined },
    ),
    filters: filtersArb,
  })
  .filter((p) => !("dropOff" in p.anchor && p.anchor.dropOff.funnel.mode === "any"))
  .map(({ anchor, filters, compare, ...rest }) =>
    PathsSpecSchema.parse({ ...anchor, ...filters, ...rest, ...(compare ? { compare } : {}) }),
  );

for (const dialect of DIALECTS) {
  describe(`journey analyses: ${dialect}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await freshStore(dialect));
    });
    afterAll(async () => cleanup());
    const load = (log: Parameters<typeof loadLog>[1]) =>
      loadLog(store, log, profileKey(store.dialect, "e"));

    it("paths equal the reference", async () => {
      await fc.assert(
        fc.asyncProperty(logArb(), pathsArb, async (log, spec) => {
          const events = await load(log);
          const actual = await getPaths(store, spec);
          expectSameResult(
            actual,
            pathsResult(spec, pathsReference(events, spec), groupNames(spec)),
          );
        }),
        { numRuns: RUNS },
      );
    });

    it("the journey map equals a PM4Py-style DFG", async () => {
      const specArb = fc
        .record({
          activity: fc.constantFrom("event", "stage", "channel_event"),
          filters: filtersArb,
        })
        .map(({ filters, activity }) =>
          MapSpecSchema.parse({ ...filters, activity, maxEdges: 5000, variants: 5 }),
        );
      await fc.assert(
        fc.asyncProperty(logArb(), specArb, async (log, spec) => {
          const events = await load(log);
          const actual = await getJourneyMap(store, spec, MODEL);
          const reference = dfgReference(events, spec, MODEL);
          expectSameResult(actual, mapResult(spec, reference, reference.profiles));
        }),
        { numRuns: RUNS },
      );
    });

    it("sessions equal the reference", async () => {
      const specArb = fc
        .record({
          gapMinutes: fc.constantFrom(1, 30, 60, 120, 600),
          filters: filtersArb,
          top: fc.integer({ min: 1, max: 4 }),
        })
        .map(({ filters, ...rest }) =>
          SessionsSpecSchema.parse({ ...filters, ...rest, limit: 1000 }),
        );
      await fc.assert(
        fc.asyncProperty(logArb(), specArb, async (log, spec) => {
          const events = await load(log);
          const actual = await getSessions(store, spec, 30);
          expectSameResult(actual, sessionsReference(events, spec, spec.gapMinutes ?? 30));
        }),
        { numRuns: RUNS },
      );
    });

    it("retention equals the reference", async () => {
      const specArb = fc
        .record({
          period: fc.constantFrom("day", "week", "month"),
          activeInterval: fc.constantFrom("day", "week", "month"),
          periods: fc.integer({ min: 1, max: 6 }),
          startEvent: fc.option(patternArb, { nil: undefined }),
          returnEvent: fc.option(patternArb, { nil: undefined }),
          filters: filtersArb,
        })
        .map(({ filters, ...rest }) => RetentionSpecSchema.parse({ ...filters, ...rest }));
      await fc.assert(
        fc.asyncProperty(logArb(), specArb, async (log, spec) => {
          const events = await load(log);
          const actual = await getRetention(store, spec);
          expectSameResult(actual, retentionResult(spec, retentionReference(events, spec)));
        }),
        { numRuns: RUNS },
      );
    });

    it("stages equal the reference", async () => {
      const specArb = fc
        .record({
          filters: filtersArb,
          profile: fc.option(fc.constantFrom("u:u0", "u:u1", "a:anon-2"), { nil: undefined }),
        })
        .map(({ filters, profile }) =>
          StagesSpecSchema.parse({ ...filters, ...(profile ? { profile } : {}) }),
        );
      await fc.assert(
        fc.asyncProperty(logArb(), specArb, async (log, spec) => {
          const events = await load(log);
          const actual = await getStages(store, spec, MODEL);
          expectSameResult(
            actual,
            stagesResult(MODEL, stagesReference(events, spec, MODEL), spec.profile),
          );
        }),
        { numRuns: RUNS },
      );
    });
  });
}
