import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EventStore } from "../src/store/event-store.ts";
import { MIGRATIONS } from "../src/store/migrations.ts";
import { storedEvent } from "./support/factories.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

for (const dialect of DIALECTS) {
  describe(`event store conformance: ${dialect}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await freshStore(dialect));
    });
    afterEach(async () => cleanup());

    it("migrates to the latest version and is idempotent", async () => {
      const latest = Math.max(...MIGRATIONS.map((m) => m.version));
      expect(await store.migrate()).toBe(latest);
      expect(await store.migrate()).toBe(latest);
      expect(await store.countEvents()).toBe(0);
    });

    it("round-trips every field of an event", async () => {
      const event = storedEvent({
        userId: "u-1",
        anonymousId: "anon-1",
        timestamp: "2026-03-04T05:06:07.123Z",
        sentAt: "2026-03-04T05:06:08.000Z",
        properties: { channel: "call centre", revenue: 12.5, 备注: "中文" },
        context: { traits: { email: " Ann@Example.COM ", phone: "(415) 555-2671" } },
      });
      expect(await store.insertEvents([event])).toBe(1);
      const [back] = await store.listEvents({ messageIds: [event.messageId] });
      expect(back).toBeDefined();
      // JSON fields compare as values: PostgreSQL's jsonb re-formats the text.
      const parsed = (e: typeof event) => ({
        ...e,
        properties: JSON.parse(e.properties),
        traits: JSON.parse(e.traits),
        context: JSON.parse(e.context),
      });
      expect(back && parsed(back)).toEqual(parsed(event));
      expect(back?.channel).toBe("call_center");
      expect(back?.email).toBe("ann@example.com");
      expect(back?.phone).toBe("+14155552671");
    });

    it("stores a messageId once, within a batch and across batches", async () => {
      const a = storedEvent({ messageId: "dup-1" });
      const b = storedEvent({ messageId: "dup-2" });
      expect(await store.insertEvents([a, a, b])).toBe(2);
      expect(await store.insertEvents([a, b, storedEvent({ messageId: "dup-3" })])).toBe(1);
      expect(await store.countEvents()).toBe(3);
      // The first write wins: a retry with other content does not change the stored row.
      await store.insertEvents([storedEvent({ messageId: "dup-1", event: "Changed" })]);
      const [kept] = await store.listEvents({ messageIds: ["dup-1"] });
      expect(kept?.event).toBe(a.event);
    });

    it("serialises concurrent writers without losing or doubling events", async () => {
      const batches = Array.from({ length: 20 }, (_, b) =>
        Array.from({ length: 50 }, (_, i) => storedEvent({ messageId: `c-${b}-${i}` })),
      );
      const inserted = await Promise.all(
        [...batches, ...batches].map((batch) => store.insertEvents(batch)),
      );
      expect(inserted.reduce((sum, n) => sum + n, 0)).toBe(1000);
      expect(await store.countEvents()).toBe(1000);
    });

    it("filters by source and user", async () => {
      await store.insertEvents([
        storedEvent({ userId: "alice" }, "web-src"),
        storedEvent({ userId: "alice" }, "crm-src"),
        storedEvent({ userId: "bob" }, "web-src"),
      ]);
      expect(await store.countEvents({ sourceId: "web-src" })).toBe(2);
      expect(await store.countEvents({ userId: "alice" })).toBe(2);
      expect(await store.countEvents({ userId: "alice", sourceId: "crm-src" })).toBe(1);
      expect(await store.listEvents({ messageIds: [] })).toEqual([]);
    });

    it("gives the same answers to the dialect's SQL fragments", async () => {
      await store.insertEvents([
        storedEvent({
          timestamp: "2026-03-04T05:06:07.000Z",
          context: { app: { version: "5.1.0" }, "it's": { "a.b": "odd" } },
        }),
        storedEvent({
          timestamp: "2026-03-08T23:00:00.000Z",
          context: { app: { version: "4.9.2" } },
        }),
        storedEvent({ timestamp: "2026-03-10T00:00:00.000Z", context: {} }),
      ]);
      const d = store.dialect;
      const rows = await store.query(
        `SELECT ${d.jsonText("context", ["app", "version"])} AS version,
                ${d.jsonText("context", ["it's", "a.b"])} AS odd,
                ${d.epochMs("timestamp")} AS ms,
                ${d.epochMs(d.dateTrunc("week", "timestamp"))} AS week,
                ${d.epochMs(d.dateTrunc("month", "timestamp"))} AS month
         FROM events WHERE timestamp >= ${d.timestampParam("$1")} ORDER BY timestamp`,
        ["2026-03-01T00:00:00Z"],
      );
      expect(
        rows.map((r) => [
          r.version ?? null,
          r.odd ?? null,
          Number(r.ms),
          Number(r.week),
          Number(r.month),
        ]),
      ).toEqual([
        [
          "5.1.0",
          "odd",
          Date.parse("2026-03-04T05:06:07Z"),
          Date.parse("2026-03-02T00:00:00Z"),
          Date.parse("2026-03-01T00:00:00Z"),
        ],
        [
          "4.9.2",
          null,
          Date.parse("2026-03-08T23:00:00Z"),
          Date.parse("2026-03-02T00:00:00Z"),
          Date.parse("2026-03-01T00:00:00Z"),
        ],
        [
          null,
          null,
          Date.parse("2026-03-10T00:00:00Z"),
          Date.parse("2026-03-09T00:00:00Z"),
          Date.parse("2026-03-01T00:00:00Z"),
        ],
      ]);
      const [p] = await store.query(
        `SELECT ${d.percentile(0.5, d.epochMs("timestamp"))} AS median FROM events`,
      );
      expect(Number(p?.median)).toBe(Date.parse("2026-03-08T23:00:00Z"));
    });

    it("reads while writing without waiting for the writes", async () => {
      const writes = Array.from({ length: 10 }, (_, b) =>
        store.insertEvents(
          Array.from({ length: 200 }, (_, i) => storedEvent({ messageId: `rw-${b}-${i}` })),
        ),
      );
      const counts = await Promise.all(Array.from({ length: 10 }, () => store.countEvents()));
      await Promise.all(writes);
      for (const n of counts) expect(n % 200).toBe(0); // a write is seen whole or not at all
      expect(await store.countEvents()).toBe(2000);
    });

    it("keeps sources and finds them by write key", async () => {
      const source = {
        id: "src_1",
        name: "website",
        writeKey: "wk_abc",
        createdAt: new Date("2026-01-01T00:00:00Z"),
      };
      await store.createSource(source);
      expect(await store.findSourceByWriteKey("wk_abc")).toEqual(source);
      expect(await store.findSourceByWriteKey("nope")).toBeUndefined();
      await expect(
        store.createSource({ ...source, id: "src_2", writeKey: "other" }),
      ).rejects.toThrow(/store query failed/);
      expect(await store.listSources()).toEqual([source]);
    });
  });
}
