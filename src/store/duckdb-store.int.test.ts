import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storedEvent } from "../../test/support/factories.ts";
import type { StoredEvent } from "../core/stored-event.ts";
import { DuckDBEventStore } from "./duckdb-store.ts";

// The conformance suite (test/event-store.int.test.ts) covers the port; these cover the
// DuckDB write path's own shortcuts: several chunks per write, shared time values, and rows
// converted before the writer's turn.
describe("DuckDBEventStore writes", () => {
  let store: DuckDBEventStore;
  beforeEach(async () => {
    store = await DuckDBEventStore.open(":memory:");
    await store.migrate();
  });
  afterEach(async () => store.close());

  const byId = (events: readonly StoredEvent[]) =>
    [...events].sort((a, b) => (a.messageId < b.messageId ? -1 : 1));

  it("stores a write larger than one chunk with each row's own times", async () => {
    const events = Array.from({ length: 5000 }, (_, i) =>
      storedEvent({
        timestamp: new Date(Date.UTC(2026, 0, 1) + (i % 3) * 1000).toISOString(),
        sentAt: i % 2 ? new Date(Date.UTC(2026, 0, 2) + i).toISOString() : undefined,
      }),
    );
    expect(await store.insertEvents(events)).toBe(5000);
    const back = await store.listEvents({ messageIds: events.map((e) => e.messageId) });
    const times = (e: StoredEvent) => [e.messageId, e.timestamp, e.sentAt, e.receivedAt];
    expect(byId(back).map(times)).toEqual(byId(events).map(times));
  });

  it("keeps the first write of a messageId when writes overlap", async () => {
    const first = storedEvent({ event: "First" });
    const second = { ...first, event: "Second" };
    const [a, b] = await Promise.all([store.insertEvents([first]), store.insertEvents([second])]);
    expect([a, b]).toEqual([1, 0]);
    const [back] = await store.listEvents({ messageIds: [first.messageId] });
    expect(back?.event).toBe("First");
  });
});
