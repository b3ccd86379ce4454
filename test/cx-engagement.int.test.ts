import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CxConfigSchema } from "../src/core/cx/cx-config.ts";
import { engagementReference } from "../src/core/cx/engagement-reference.ts";
import { EngagementSpecSchema } from "../src/core/cx/specs.ts";
import { getEngagement } from "../src/cx/engagement.ts";
import { engagementRows, engagementSql } from "../src/cx/engagement-sql.ts";
import { profileKey } from "../src/journeys/journey-profile.ts";
import type { EventStore } from "../src/store/event-store.ts";
import { cxLogArb, loadCxLog, roundNumbers, toCxStored } from "./support/cx-logs.ts";
import { storedEvent } from "./support/factories.ts";
import { filtersArb } from "./support/journey-arbitraries.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

const SEGMENTS = [
  { name: "app users", segment: { channel: "app" } },
  { name: "gold", segment: { trait: "tier", value: "gold" } },
];

const specArb = fc
  .record({
    by: fc.subarray(["trait:tier", "segment"]),
    filters: filtersArb,
    limit: fc.integer({ min: 0, max: 5 }),
    profile: fc.constantFrom(undefined, "u:u1", "a:anon-2"),
    capPercentile: fc.constantFrom(0.95, 0.5, 1),
  })
  .map((s) => ({
    spec: EngagementSpecSchema.parse({
      ...s.filters,
      by: s.by,
      limit: s.limit,
      profile: s.profile,
      segments: s.by.includes("segment") ? SEGMENTS : undefined,
    }),
    config: CxConfigSchema.parse({ engagement: { capPercentile: s.capPercentile } }),
  }));

for (const dialect of DIALECTS) {
  describe(`engagement score: ${dialect}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await freshStore(dialect));
    });
    afterAll(async () => cleanup());

    it("gives the reference's answer on random logs", async () => {
      await fc.assert(
        fc.asyncProperty(cxLogArb(), specArb, async (log, { spec, config }) => {
          const events = await loadCxLog(store, toCxStored(log), profileKey(store.dialect, "e"));
          const { sql, values } = engagementSql(store.dialect, spec, config);
          const actual = engagementRows(await store.query(sql, values));
          const expected = engagementReference(events, spec, config);
          // Compared before the result's rounding to 4 decimals (floats differ in the last bits).
          const sorted = (rows: typeof actual) => ({
            ...rows,
            groups: [...rows.groups].sort((a, b) =>
              JSON.stringify([a.dim, a.value]).localeCompare(JSON.stringify([b.dim, b.value])),
            ),
          });
          expect(roundNumbers(sorted(actual))).toEqual(roundNumbers(sorted(expected)));
        }),
        { numRuns: 40 },
      );
    }, 180_000);

    it("scores a hand-made pair of profiles by the documented formula", async () => {
      await store.exec("DELETE FROM events");
      const at = (day: number) => new Date(Date.UTC(2026, 0, 1 + day, 12)).toISOString();
      const event = (userId: string, day: number, event: string, channel: string, n: number) =>
        storedEvent({
          userId,
          event,
          timestamp: at(day),
          messageId: `${userId}-${n}`,
          properties: { channel },
        });
      await store.insertEvents([
        // a: 4 days, 2 channels, 3 types, 1 collaborative of 4.
        event("a", 0, "Product Viewed", "web", 1),
        event("a", 1, "Product Viewed", "app", 2),
        event("a", 2, "Order Completed", "web", 3),
        event("a", 3, "Review Submitted", "web", 4),
        // b: 1 day, 1 channel, 1 type, nothing collaborative.
        event("b", 0, "Product Viewed", "web", 5),
      ]);
      const config = CxConfigSchema.parse({ engagement: { capPercentile: 1 } });
      const result = await getEngagement(store, EngagementSpecSchema.parse({ limit: 2 }), config);
      // Caps at the 100th percentile of positive values: 4 days, 2 channels, 3 types, share 1/4.
      expect(result.caps).toEqual({
        activeDays: 4,
        channels: 2,
        interactionTypes: 3,
        collaborativeShare: 0.25,
      });
      const [a, b] = result.top;
      expect(a).toMatchObject({
        profileId: "u:a",
        frequency: 1,
        diversity: 1,
        depth: 1,
        score: 100,
      });
      // b: frequency 1/4, diversity ½·½ + ½·⅓ = 0.416667, depth 0 → 100·(0.1 + 0.125) = 22.5.
      expect(b?.profileId).toBe("u:b");
      expect(b?.frequency).toBe(0.25);
      expect(b?.diversity).toBeCloseTo(0.4167, 4);
      expect(b?.score).toBe(22.5);
      expect(result.distribution.histogram[2]?.profiles).toBe(1);
      expect(result.distribution.histogram[9]?.profiles).toBe(1);
    });
  });
}
