import type { StoredEvent } from "../core/stored-event.ts";
import type { EventStore } from "../store/event-store.ts";
import type { IdentityService } from "./identity-service.ts";

/**
 * The store every writer uses (HTTP ingestion, file import, demo): each successful
 * `insertEvents` hands its events to identity resolution — the one place that hook lives.
 * Everything else goes straight to the store.
 */
export function withIdentity(store: EventStore, identity: IdentityService): EventStore {
  const insertEvents = async (events: readonly StoredEvent[]) => {
    const inserted = await store.insertEvents(events);
    // All events, not only the new ones: evidence merges are idempotent, and the store does
    // not say which of a batch were retries.
    await identity.onEvents(events);
    return inserted;
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === "insertEvents") return insertEvents;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
