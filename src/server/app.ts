import { createGunzip, createInflate } from "node:zlib";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { AccessService } from "../auth/access-service.ts";
import { AppError, ERROR_CODES, type ErrorCode } from "../core/app-error.ts";
import { IngestService } from "../ingest/ingest-service.ts";
import type { Runtime } from "../runtime/runtime.ts";
import { VERSION } from "../version.ts";
import { registerAccessRoutes } from "./access.route.ts";
import { registerCxRoutes } from "./cx.route.ts";
import { registerDashboardRoutes } from "./dashboard.route.ts";
import { registerFeedbackRoutes } from "./feedback.route.ts";
import { registerFrictionRoutes } from "./friction.route.ts";
import { registerGapRoutes } from "./gaps.route.ts";
import { registerIngestRoutes } from "./ingest.route.ts";
import { registerJourneyRoutes } from "./journeys.route.ts";
import { openApiDocument } from "./openapi.ts";
import { registerProfileRoutes } from "./profile.route.ts";
import { registerReportRoutes } from "./report.route.ts";
import { registerResultCache } from "./result-cache.ts";
import { registerSourceRoutes } from "./sources.route.ts";
import { SourceAuthenticator } from "./write-key.ts";

export interface AppOptions {
  logger?: boolean;
}

/** The HTTP app, without listening: the CLI's `serve` listens, tests inject or listen. */
export async function buildApp(
  runtime: Runtime,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const { config, store } = runtime;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: config.ingest.maxBatchBytes });
  const schemaVersion = await store.migrate();

  acceptCompressedJson(app);
  app.setErrorHandler((error: FastifyError | AppError, _request, reply) => {
    const { code, message, field } = toApiError(error);
    if (code === "internal") app.log.error(error);
    return reply
      .status(ERROR_CODES[code].status)
      .send({ success: false, error: { code, message, field } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      success: false,
      error: { code: "not_found", message: `no route ${request.method} ${request.url}` },
    }),
  );

  // First: its onRequest hook guards every /api route registered after it.
  registerAccessRoutes(app, new AccessService(store, config.auth));
  registerResultCache(app, runtime); // GET analyses answered from memory until the data changes
  registerIngestRoutes(app, {
    ingest: new IngestService(store, {
      defaultRegion: config.defaultRegion,
      maxMessageBytes: config.ingest.maxMessageBytes,
    }),
    auth: new SourceAuthenticator(store),
    maxMessageBytes: config.ingest.maxMessageBytes,
    maxBatchBytes: config.ingest.maxBatchBytes,
  });

  registerSourceRoutes(app, store);
  registerProfileRoutes(app, runtime);
  registerJourneyRoutes(app, { store, config: config.journeys });
  registerFrictionRoutes(app, { store, config });
  registerCxRoutes(app, { store, context: config });
  registerGapRoutes(app, { store, settings: config });
  registerFeedbackRoutes(app, {
    store,
    config: { feedback: config.feedback, stages: config.journeys },
  });
  registerReportRoutes(app, runtime);
  app.get("/api/health", async () => ({
    status: "ok",
    version: VERSION,
    store: store.kind,
    schemaVersion,
  }));
  const openapi = openApiDocument(VERSION);
  app.get("/api/openapi.json", async () => openapi);
  registerDashboardRoutes(app);
  return app;
}

function toApiError(error: FastifyError | AppError): {
  code: ErrorCode;
  message: string;
  field?: string;
} {
  if (error instanceof AppError)
    return { code: error.code, message: error.message, field: error.field };
  const status = error.statusCode ?? 500;
  if (status === 413) return { code: "payload_too_large", message: error.message };
  if (status === 415) return { code: "unsupported_media_type", message: error.message };
  if (error.code?.startsWith("FST_ERR_CTP_") || error instanceof SyntaxError) {
    return { code: "invalid_json", message: `the body is not valid JSON: ${error.message}` };
  }
  if (status >= 400 && status < 500) return { code: "invalid_request", message: error.message };
  return { code: "internal", message: ERROR_CODES.internal.message };
}

/**
 * Server SDKs compress their batches: RudderStack's Node SDK gzips by default and (through
 * axios) labels the JSON application/x-www-form-urlencoded. Inflate before parsing, so the body
 * limit applies to the JSON itself, which also stops decompression bombs.
 */
function acceptCompressedJson(app: FastifyInstance) {
  app.addHook("preParsing", async (request, _reply, payload) => {
    const encoding = request.headers["content-encoding"]?.trim().toLowerCase();
    if (encoding !== "gzip" && encoding !== "deflate") return payload;
    const inflated = payload.pipe(encoding === "gzip" ? createGunzip() : createInflate());
    // Fastify checks the received length against content-length: count the encoded bytes.
    const counted = Object.assign(inflated, { receivedEncodedLength: 0 });
    payload.on("data", (chunk: Buffer) => {
      counted.receivedEncodedLength += chunk.length;
    });
    payload.on("error", (error) => inflated.destroy(error));
    return counted;
  });
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    app.getDefaultJsonParser("error", "error"),
  );
}
