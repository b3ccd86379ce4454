import { z } from "zod";

/** Segment message types (the Segment spec, DESIGN §3). */
export const MESSAGE_TYPES = ["track", "identify", "page", "screen", "group", "alias"] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

const identifier = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().max(255, "longer than 255 characters"));

const dateTime = z
  .string()
  .refine((s) => ISO_DATE.test(s.trim()) && !Number.isNaN(Date.parse(s)), {
    message: "not an ISO-8601 date-time",
  })
  .transform((s) => new Date(s));

// Any JSON object, keys passed through unchecked: a record schema would visit every key (~3 µs).
const object = z.looseObject({});

/** One Segment message as a client sends it. Unknown top-level keys are ignored. */
export const MessageSchema = z.object({
  type: z.enum(MESSAGE_TYPES, { error: `must be one of ${MESSAGE_TYPES.join(", ")}` }),
  messageId: z.string().trim().min(1, "empty").max(255, "longer than 255 characters").optional(),
  userId: identifier.nullish(),
  anonymousId: identifier.nullish(),
  previousId: identifier.nullish(),
  groupId: identifier.nullish(),
  event: z.string().trim().min(1, "empty").max(255, "longer than 255 characters").optional(),
  name: z.string().max(255, "longer than 255 characters").nullish(),
  category: z.string().max(255).nullish(),
  properties: object.nullish(),
  traits: object.nullish(),
  context: object.nullish(),
  timestamp: dateTime.nullish(),
  originalTimestamp: dateTime.nullish(),
  sentAt: dateTime.nullish(),
});

export type Message = z.infer<typeof MessageSchema>;

/** The envelope of `POST /v1/batch`: its `context` and `sentAt` apply to every message. */
export const BatchEnvelopeSchema = z.object({
  batch: z.array(z.unknown(), { error: "must be an array of messages" }),
  context: object.nullish(),
  sentAt: z.unknown().optional(),
});
