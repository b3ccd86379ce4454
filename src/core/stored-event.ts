import type { Channel } from "./channel.ts";
import type { MessageType } from "./message-schema.ts";

/** A raw event as the store keeps it: immutable, keyed by messageId. JSON fields are text. */
export interface StoredEvent {
  messageId: string;
  sourceId: string;
  type: MessageType;
  /** The track event name, or the page/screen name. */
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  previousId: string | null;
  groupId: string | null;
  /** Normalised (trimmed, lower-case) email from traits or context.traits. */
  email: string | null;
  /** E.164 phone from traits or context.traits. */
  phone: string | null;
  channel: Channel;
  /** Event time, corrected for client clock skew when sentAt is known. */
  timestamp: Date;
  sentAt: Date | null;
  receivedAt: Date;
  properties: string;
  traits: string;
  context: string;
}
