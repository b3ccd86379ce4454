import { z } from "zod";
import { BatchEnvelopeSchema, MESSAGE_TYPES, MessageSchema } from "../core/message-schema.ts";
import { accessPaths, accessSecuritySchemes } from "./access-openapi.ts";
import { cxPaths } from "./cx.route.ts";
import { feedbackPaths } from "./feedback.route.ts";
import { frictionPaths } from "./friction.route.ts";
import { gapPaths } from "./gaps.route.ts";
import { journeyPaths } from "./journeys.route.ts";
import { profilePaths } from "./profile.route.ts";
import { reportPaths } from "./report.route.ts";

const ErrorBody = z.object({
  success: z.literal(false),
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

const Rejection = z.object({ index: z.number().int(), field: z.string(), reason: z.string() });

const BatchResult = z.object({
  success: z.boolean(),
  accepted: z.number().int(),
  rejected: z.array(Rejection),
});

const Health = z.object({
  status: z.literal("ok"),
  version: z.string(),
  store: z.enum(["duckdb", "postgres"]),
  schemaVersion: z.number().int(),
});

const json = (schema: z.ZodType) => ({
  content: {
    "application/json": { schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) },
  },
});

const errors = {
  "400": {
    description: "malformed JSON or an invalid message (the field and reason are named)",
    ...json(ErrorBody),
  },
  "401": { description: "missing or unknown write key", ...json(ErrorBody) },
  "413": { description: "body over the size limit", ...json(ErrorBody) },
};

/** The OpenAPI 3.1 document served at `/api/openapi.json`, built from the same zod schemas. */
export function openApiDocument(version: string) {
  const single = Object.fromEntries(
    MESSAGE_TYPES.map((type) => [
      `/v1/${type}`,
      {
        post: {
          summary: `Send one ${type} message (Segment-compatible)`,
          security: [{ writeKey: [] }],
          requestBody: { required: true, ...json(MessageSchema) },
          responses: {
            "200": {
              description: "stored durably",
              ...json(z.object({ success: z.literal(true) })),
            },
            ...errors,
          },
        },
      },
    ]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "journeylens API",
      version,
      description:
        "Segment-compatible ingestion (write keys) and the journeylens query API (an API key or a login session with a role; docs/access.md).",
    },
    components: {
      securitySchemes: {
        writeKey: {
          type: "http",
          scheme: "basic",
          description: "the source's write key as the user name",
        },
        ...accessSecuritySchemes,
      },
    },
    // Every /api operation needs an API key or a session unless it says otherwise.
    security: [{ apiKey: [] }, { session: [] }],
    paths: {
      ...single,
      ...accessPaths,
      ...profilePaths,
      ...journeyPaths,
      ...frictionPaths,
      ...cxPaths,
      ...feedbackPaths,
      ...gapPaths,
      ...reportPaths,
      "/v1/batch": {
        post: {
          summary: "Send up to 500 KB of messages; the good ones are kept and the bad ones named",
          security: [{ writeKey: [] }],
          requestBody: { required: true, ...json(BatchEnvelopeSchema) },
          responses: {
            "200": { description: "the valid messages are stored durably", ...json(BatchResult) },
            ...errors,
          },
        },
      },
      "/api/health": {
        get: {
          summary: "Liveness and store",
          security: [],
          responses: { "200": { description: "ok", ...json(Health) } },
        },
      },
      "/api/openapi.json": {
        get: {
          summary: "This document",
          security: [],
          responses: { "200": { description: "OpenAPI 3.1 document" } },
        },
      },
    },
  };
}
