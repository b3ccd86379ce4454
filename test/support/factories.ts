import { normaliseMessage } from "../../src/core/normalise-message.ts";
import type { StoredEvent } from "../../src/core/stored-event.ts";

let sequence = 0;

/** A valid Segment track message; override any field. */
export function trackMessage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    type: "track",
    event: "Product Viewed",
    userId: `user-${sequence}`,
    messageId: `msg-${process.pid}-${sequence}`,
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, sequence % 3600)).toISOString(),
    properties: { channel: "web", sku: `sku-${sequence % 7}` },
    ...overrides,
  };
}

/** A stored event made by the real normalisation step from a track message. */
export function storedEvent(
  overrides: Record<string, unknown> = {},
  sourceId = "test",
): StoredEvent {
  const outcome = normaliseMessage(trackMessage(overrides), {
    sourceId,
    receivedAt: new Date("2026-06-01T00:00:00Z"),
    defaultRegion: "US",
  });
  if (!outcome.ok)
    throw new Error(`factory made an invalid message: ${outcome.field} ${outcome.reason}`);
  return outcome.value;
}
