import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../core/app-error.ts";
import { BatchEnvelopeSchema, MESSAGE_TYPES } from "../core/message-schema.ts";
import type { IngestService } from "../ingest/ingest-service.ts";
import type { Source } from "../store/event-store.ts";
import type { SourceAuthenticator } from "./write-key.ts";

export interface IngestRouteOptions {
  ingest: IngestService;
  auth: SourceAuthenticator;
  maxMessageBytes: number;
  maxBatchBytes: number;
}

/** The Segment-compatible tracking API: `POST /v1/{type}` and `POST /v1/batch`. */
export function registerIngestRoutes(app: FastifyInstance, options: IngestRouteOptions) {
  const { ingest, auth } = options;
  // A key in the Authorization header is checked before the body is read, so a wrong key gets
  // 401 whatever the body; a key in the body (some Segment libraries) is checked after parsing.
  const headerSources = new WeakMap<FastifyRequest, Source>();
  const onRequest = async (request: FastifyRequest) => {
    if (request.headers.authorization) {
      headerSources.set(request, await auth.authenticate(request.headers.authorization, undefined));
    }
  };
  const sourceOf = async (request: FastifyRequest) =>
    headerSources.get(request) ?? (await auth.authenticate(undefined, request.body));

  for (const type of MESSAGE_TYPES) {
    app.post(
      `/v1/${type}`,
      { bodyLimit: options.maxMessageBytes, onRequest },
      async (request, reply) => {
        const source = await sourceOf(request);
        if (!isObject(request.body))
          throw new AppError("invalid_request", "the body must be a JSON object");
        const message = { ...request.body, type };
        const result = await ingest.ingest([message], { source, receivedAt: new Date() });
        const rejection = result.rejected[0];
        if (rejection) {
          throw new AppError(
            "invalid_message",
            `${rejection.field}: ${rejection.reason}`,
            rejection.field,
          );
        }
        return reply.send({ success: true });
      },
    );
  }

  app.post("/v1/batch", { bodyLimit: options.maxBatchBytes, onRequest }, async (request, reply) => {
    const source = await sourceOf(request);
    const envelope = BatchEnvelopeSchema.safeParse(request.body);
    if (!envelope.success) {
      throw new AppError(
        "invalid_request",
        "the body must be an object with a `batch` array",
        "batch",
      );
    }
    const { batch, context, sentAt } = envelope.data;
    const result = await ingest.ingest(batch, {
      source,
      receivedAt: new Date(),
      envelope: { context, sentAt },
    });
    if (result.accepted === 0 && result.rejected.length > 0) {
      return reply.status(400).send({
        success: false,
        error: { code: "invalid_message", message: "no message in the batch is valid" },
        accepted: 0,
        rejected: result.rejected,
      });
    }
    return reply.send({ success: true, accepted: result.accepted, rejected: result.rejected });
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
