import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FRICTION_CONFIG } from "../src/core/friction/friction-config.ts";
import {
  BreakpointsSpecSchema,
  FrictionSpecSchema,
  type Outcome,
} from "../src/core/friction/specs.ts";
import { compareText } from "../src/core/journeys/journey-log.ts";
import {
  FunnelSpecSchema,
  JourneyFiltersSchema,
  MapSpecSchema,
} from "../src/core/journeys/specs.ts";
import { DEFAULT_STAGE_MODEL } from "../src/core/journeys/stage-model.ts";
import type { StoredEvent } from "../src/core/stored-event.ts";
import { getBreakpoints, ngramSource } from "../src/friction/breakpoints.ts";
import { getFriction } from "../src/friction/friction.ts";
import { ngramRows, ngramSql } from "../src/friction/ngram-sql.ts";
import { getFunnel } from "../src/journeys/funnel.ts";
import {
  journeyIndexStatus,
  journeySource,
  refreshJourneyIndex,
} from "../src/journeys/journey-index.ts";
import { profileKey } from "../src/journeys/journey-profile.ts";
import { getJourneyMap } from "../src/journeys/map.ts";
import { parseConfig } from "../src/runtime/config.ts";
import { type Runtime, wireRuntime } from "../src/runtime/runtime.ts";
import { startJourneyIndexUpkeep } from "../src/server/journey-index-upkeep.ts";
import type { EventStore } from "../src/store/event-store.ts";
import { frictionConfigArb, frictionLogArb, loadStored } from "./support/friction-logs.ts";
import { filtersArb, funnelArb } from "./support/journey-arbitraries.ts";
import { expectSameResult, LOG_START, loadLog, logArb } from "./support/journey-logs.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;

const mapArb = fc
  .record({
    activity: fc.constantFrom("event", "stage", "channel_event"),
    variants: fc.constantFrom(0, 3),
    filters: filtersArb,
  })
  .map(({ filters, ...spec }) => MapSpecSchema.parse({ ...spec, ...filters }));

const outcomeArb: fc.Arbitrary<Outcome> = fc.oneof(
  fc.record({
    kind: fc.constant("churn" as const),
    events: fc.constantFrom<string[]>(["Closed"], ["*Failed", "Closed"], ["C"]),
    inactivityDays: fc.constantFrom(0, 0, 1, 30),
    leadInMs: fc.constantFrom(0, 60_000),
  }),
  fc.record({
    kind: fc.constant("goal" as const),
    events: fc.constantFrom<string[]>(["C"], ["B", "Closed"]),
  }),
);

/** Dates that cut into the friction logs' days (their events are minutes apart). */
const cuttingTimeArb = fc
  .record({ day: fc.constantFrom(0, 1, 3), minute: fc.integer({ min: 0, max: 90 }) })
  .map(({ day, minute }) => new Date(LOG_START + day * DAY + minute * MINUTE).toISOString());

const ngramArb = fc.record({
  filters: fc
    .oneof(filtersArb, fc.record({ to: cuttingTimeArb }))
    .map((f) => JourneyFiltersSchema.parse(f)),
  outcome: outcomeArb,
  maxLength: fc.integer({ min: 1, max: 4 }),
  collapseRepeats: fc.boolean(),
});

/** What the index path must give: the live answer, read before the index exists. */
async function liveThenIndexed<T>(store: EventStore, run: () => Promise<T>) {
  expect(await journeySource(store)).toBe("live");
  const live = await run();
  await refreshJourneyIndex(store);
  // PostgreSQL keeps no index: it reads live, and the answers must still agree.
  expect(await journeySource(store)).toBe(store.kind === "duckdb" ? "index" : "live");
  return { live, indexed: await run() };
}

for (const dialect of DIALECTS) {
  describe(`journey index: ${dialect}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await freshStore(dialect));
    });
    afterAll(async () => cleanup());

    it("gives the live funnel answers on random logs", async () => {
      await fc.assert(
        fc.asyncProperty(logArb(), funnelArb, async (log, spec) => {
          // Loading deletes the events, which marks the index stale.
          await loadLog(store, log, profileKey(store.dialect, "e"));
          const { live, indexed } = await liveThenIndexed(store, () => getFunnel(store, spec));
          expectSameResult(indexed, live);
        }),
        { numRuns: 40 },
      );
    });

    it("gives the live journey map (edges, starts, ends, variants) on random logs", async () => {
      await fc.assert(
        fc.asyncProperty(logArb(), mapArb, async (log, spec) => {
          await loadLog(store, log, profileKey(store.dialect, "e"));
          const { live, indexed } = await liveThenIndexed(store, () =>
            getJourneyMap(store, spec, DEFAULT_STAGE_MODEL),
          );
          expectSameResult(indexed, live);
        }),
        { numRuns: 40 },
      );
    });

    it("counts the same step sequences and examples for the breakpoint contrast", async () => {
      let storedRuns = 0;
      await fc.assert(
        fc.asyncProperty(frictionLogArb(), ngramArb, async (log, options) => {
          await loadStored(store, log, profileKey(store.dialect, "e"));
          const { filters, outcome, ...rest } = options;
          const { live, indexed } = await liveThenIndexed(store, async () => {
            const source = await ngramSource(store, filters, rest.collapseRepeats);
            if (source.storedGrams) storedRuns++;
            const all = ngramSql(store.dialect, filters, outcome, {
              ...rest,
              ...source,
              mode: "all",
            });
            const spec = BreakpointsSpecSchema.parse({
              ...filters,
              ...(outcome.kind === "goal"
                ? { outcome: "goal", goal: outcome.events[0] }
                : { outcome: "churn", inactivityDays: outcome.inactivityDays }),
              maxLength: rest.maxLength,
              collapseRepeats: rest.collapseRepeats,
              minProfiles: 1,
              minSupport: 0,
            });
            const counts = ngramRows(await store.query(all.sql, all.values), rest.maxLength);
            // Rows come in no particular order.
            counts.grams.sort((a, b) => compareText(JSON.stringify(a), JSON.stringify(b)));
            return {
              all: counts,
              breakpoints: await getBreakpoints(store, spec, DEFAULT_FRICTION_CONFIG),
            };
          });
          expect(indexed).toEqual(live);
        }),
        { numRuns: 20 },
      );
      // The stored sequences are read whenever they apply (about 1 run in 3 on DuckDB).
      if (store.kind === "duckdb") expect(storedRuns).toBeGreaterThan(0);
    }, 180_000);
    it("gives the live friction signals, scores and outcome shares", async () => {
      let indexedRuns = 0;
      const outcomeSpecArb = fc.constantFrom(
        {},
        { outcome: "goal", goal: "C" },
        { outcome: "churn", inactivityDays: 1 },
      );
      await fc.assert(
        fc.asyncProperty(
          frictionLogArb(),
          fc.oneof(filtersArb, fc.record({ from: cuttingTimeArb })),
          frictionConfigArb,
          outcomeSpecArb,
          fc.constantFrom(5, 30),
          async (log, filters, frictionConfig, outcome, sessionGapMinutes) => {
            await loadStored(store, log, profileKey(store.dialect, "e"));
            const spec = FrictionSpecSchema.parse({
              ...filters,
              ...outcome,
              minCount: 1,
              limit: 5000,
            });
            if (!spec.channels) indexedRuns++;
            const config = {
              friction: frictionConfig,
              journeys: { ...DEFAULT_STAGE_MODEL, sessionGapMinutes },
            };
            const { live, indexed } = await liveThenIndexed(store, () =>
              getFriction(store, spec, config),
            );
            expect(indexed).toEqual(live);
          },
        ),
        { numRuns: 40 },
      );
      // The index is read whenever there is no channel filter (most runs).
      expect(indexedRuns).toBeGreaterThan(10);
    }, 180_000);
  });

  describe(`journey index freshness: ${dialect}`, () => {
    let runtime: Runtime;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const fresh = await freshStore(dialect);
      runtime = wireRuntime(parseConfig({ identity: { updates: "sync" } }), fresh.store);
      cleanup = fresh.cleanup;
    });
    afterAll(async () => {
      await runtime.identity?.flush();
      await cleanup();
    });

    const FUNNEL = FunnelSpecSchema.parse({ steps: ["A", "B", "C"], window: "30d" });
    const reached = async () =>
      (await getFunnel(runtime.store, FUNNEL)).steps.map((s) => s.profiles);
    const indexUsed = async () => (await journeySource(runtime.store)) === "index";
    const duck = dialect === "duckdb";

    it("is not read after events arrive or profiles merge or split, and is again after a refresh", async () => {
      const { store } = runtime;
      // An anonymous visitor (A, B), and a signed-in customer on another device (C).
      await store.insertEvents([
        event("m1", "A", { anonymousId: "anon-1" }, 0),
        event("m2", "B", { anonymousId: "anon-1" }, 1),
        event("m3", "C", { userId: "user-1", anonymousId: "anon-2" }, 2),
      ]);
      expect(await reached()).toEqual([1, 1, 0]);
      await refreshJourneyIndex(store);
      expect(await indexUsed()).toBe(duck);
      expect(await reached()).toEqual([1, 1, 0]);

      // The visitor signs in: one profile now goes A → B → C. The identify message is a new
      // event and it merges the profiles: the index must not be read until refreshed.
      await store.insertEvents([
        { ...event("m4", null, { userId: "user-1", anonymousId: "anon-1" }, 3), type: "identify" },
      ]);
      expect(await indexUsed()).toBe(false);
      expect(await reached()).toEqual([1, 1, 1]);
      await refreshJourneyIndex(store);
      expect(await indexUsed()).toBe(duck);
      expect(await reached()).toEqual([1, 1, 1]);

      // A split changes profiles without any new event: the profiles generation moved.
      await runtime.identity?.split([{ type: "anonymous_id", value: "anon-1" }]);
      expect(await indexUsed()).toBe(false);
      expect(await reached()).toEqual([1, 1, 0]);
      await refreshJourneyIndex(store);
      expect(await indexUsed()).toBe(duck);
      expect(await reached()).toEqual([1, 1, 0]);

      // A new named event of a known profile: stale again until the next refresh.
      await store.insertEvents([event("m5", "A", { anonymousId: "anon-9" }, 4)]);
      expect(await indexUsed()).toBe(false);
      expect(await reached()).toEqual([2, 1, 0]);
      const summary = await refreshJourneyIndex(store);
      expect(await indexUsed()).toBe(duck);
      expect(await reached()).toEqual([2, 1, 0]);
      if (duck) {
        // Four named events (the identify message is not one) of three profiles.
        expect(summary).toMatchObject({ events: 4, profiles: 3 });
        expect(await journeyIndexStatus(store)).toMatchObject({ fresh: true, indexed: 4 });
      } else expect(summary).toBeNull();
    });

    it("is refreshed by the server's upkeep once writes have settled", async () => {
      const upkeep = startJourneyIndexUpkeep(runtime, { quietMs: 50 });
      try {
        await runtime.store.insertEvents([event("m6", "B", { anonymousId: "anon-9" }, 5)]);
        await runtime.identity?.flush();
        expect(await indexUsed()).toBe(false);
        // The quiet period passes, then the refresh runs (waited for up to 10 s on a busy box).
        for (let i = 0; i < 100 && duck && upkeep.refreshes === 0; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await upkeep.idle();
        expect(await indexUsed()).toBe(duck);
        expect(upkeep.refreshes).toBe(duck ? 1 : 0);
        expect(await reached()).toEqual([2, 2, 0]);
      } finally {
        await upkeep.close();
      }
    });
  });
}

const T0 = Date.UTC(2026, 2, 2, 9);

function event(
  messageId: string,
  name: string | null,
  ids: { userId?: string; anonymousId: string },
  hour: number,
): StoredEvent {
  return {
    messageId,
    sourceId: "test",
    type: "track",
    event: name,
    userId: ids.userId ?? null,
    anonymousId: ids.anonymousId,
    previousId: null,
    groupId: null,
    email: null,
    phone: null,
    channel: "web",
    timestamp: new Date(T0 + hour * 3_600_000),
    sentAt: null,
    receivedAt: new Date(T0),
    properties: "{}",
    traits: "{}",
    context: "{}",
  };
}
