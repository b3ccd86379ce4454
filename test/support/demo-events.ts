import { normaliseMessage } from "../../src/core/normalise-message.ts";
import type { StoredEvent } from "../../src/core/stored-event.ts";
import { generateDemo } from "../../src/demo/demo-generator.ts";

export const DEMO_END = new Date("2026-03-01T00:00:00Z");

/** The demo data set as stored events (normalised as ingestion would), for store-level tests. */
export function demoEvents(options: { customers?: number; seed?: number } = {}): StoredEvent[] {
  const { messages } = generateDemo({
    customers: options.customers ?? 120,
    seed: options.seed ?? 11,
    end: DEMO_END,
  });
  return messages.flatMap((message) => {
    const outcome = normaliseMessage(message, {
      sourceId: "demo",
      receivedAt: DEMO_END,
      defaultRegion: "US",
    });
    return outcome.ok ? [outcome.value] : [];
  });
}
