import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSource } from "../src/ingest/sources.ts";
import { parseConfig } from "../src/runtime/config.ts";
import { buildApp } from "../src/server/app.ts";
import type { EventStore } from "../src/store/event-store.ts";
import { MIGRATIONS } from "../src/store/migrations.ts";
import { trackMessage } from "./support/factories.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

for (const dialect of DIALECTS) {
  describe(`ingestion API on ${dialect}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    let app: FastifyInstance;
    let base: string;
    let auth: string;
    let sourceId: string;
    let writeKey: string;

    beforeAll(async () => {
      ({ store, cleanup } = await freshStore(dialect));
      app = await buildApp({ config: parseConfig({}), store, close: async () => undefined });
      base = await app.listen({ host: "127.0.0.1", port: 0 });
      const source = await createSource(store, "api-test");
      sourceId = source.id;
      writeKey = source.writeKey;
      auth = `Basic ${Buffer.from(`${source.writeKey}:`).toString("base64")}`;
    });
    afterAll(async () => {
      await app.close();
      await cleanup();
    });

    const post = (
      path: string,
      body: unknown,
      headers: Record<string, string> = { authorization: auth },
    ) =>
      fetch(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });

    it("stores a track message sent to /v1/track and acknowledges with 200", async () => {
      const message = trackMessage({ type: undefined });
      const response = await post("/v1/track", message);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ success: true });
      const [stored] = await store.listEvents({ messageIds: [message.messageId as string] });
      expect(stored).toMatchObject({
        type: "track",
        sourceId,
        event: message.event,
        userId: message.userId,
      });
    });

    it("takes the type from the path of single-message endpoints", async () => {
      const message = {
        userId: "id-1",
        messageId: `identify-${dialect}`,
        traits: { email: "X@Y.com" },
      };
      expect((await post("/v1/identify", message)).status).toBe(200);
      const [stored] = await store.listEvents({ messageIds: [message.messageId] });
      expect(stored).toMatchObject({ type: "identify", email: "x@y.com" });
    });

    it("keeps the good messages of a batch and names each bad one by index, field and reason", async () => {
      const good = [trackMessage(), trackMessage({ type: "page", name: "Home" })];
      const batch = [
        good[0],
        trackMessage({ userId: undefined }),
        trackMessage({ timestamp: "31/12/2025" }),
        good[1],
        trackMessage({ properties: { blob: "x".repeat(40_000) } }),
        "not an object",
      ];
      const response = await post("/v1/batch", { batch });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        success: true,
        accepted: 2,
        rejected: [
          { index: 1, field: "userId", reason: "userId or anonymousId is required" },
          { index: 2, field: "timestamp", reason: "not an ISO-8601 date-time" },
          {
            index: 4,
            field: "message",
            reason: expect.stringMatching(/over the 32768-byte limit/),
          },
          { index: 5, field: "message", reason: "must be a JSON object" },
        ],
      });
      const ids = batch
        .map((m) => (m as { messageId?: string }).messageId)
        .filter((id): id is string => !!id);
      const stored = await store.listEvents({ messageIds: ids });
      expect(stored.map((e) => e.messageId).sort()).toEqual(good.map((m) => m?.messageId).sort());
    });

    it("answers 400 when no message of a batch is valid", async () => {
      const response = await post("/v1/batch", { batch: [trackMessage({ userId: undefined })] });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        success: false,
        rejected: [{ index: 0, field: "userId" }],
      });
      const single = await post("/v1/track", trackMessage({ event: undefined }));
      expect(single.status).toBe(400);
      expect(await single.json()).toMatchObject({
        error: { code: "invalid_message", field: "event" },
      });
    });

    it("stores a retried messageId once", async () => {
      const message = trackMessage();
      const before = await store.countEvents({ sourceId });
      for (let i = 0; i < 3; i++)
        expect((await post("/v1/batch", { batch: [message, message] })).status).toBe(200);
      expect(await store.countEvents({ sourceId })).toBe(before + 1);
    });

    it("applies the batch envelope's context to its messages", async () => {
      const message = trackMessage({ properties: {} });
      await post("/v1/batch", {
        batch: [message],
        context: { library: { name: "analytics-ios" } },
      });
      const [stored] = await store.listEvents({ messageIds: [message.messageId as string] });
      expect(stored?.channel).toBe("app");
    });

    it("refuses malformed JSON with 400 and stores nothing", async () => {
      const before = await store.countEvents();
      const response = await post("/v1/batch", '{"batch": [{"type": "track",');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        success: false,
        error: { code: "invalid_json" },
      });
      expect((await post("/v1/batch", { notBatch: [] })).status).toBe(400);
      expect(await store.countEvents()).toBe(before);
    });

    it("refuses bodies over the limits with 413", async () => {
      const big = Array.from({ length: 60 }, () =>
        trackMessage({ properties: { text: "y".repeat(9_000) } }),
      );
      const batch = await post("/v1/batch", { batch: big });
      expect(batch.status).toBe(413);
      expect(await batch.json()).toMatchObject({ error: { code: "payload_too_large" } });
      const single = await post(
        "/v1/track",
        trackMessage({ properties: { text: "z".repeat(33_000) } }),
      );
      expect(single.status).toBe(413);
    });

    it("refuses a missing or unknown write key with 401", async () => {
      const missing = await post("/v1/track", trackMessage(), {});
      expect(missing.status).toBe(401);
      const unknown = await post("/v1/track", trackMessage(), {
        authorization: `Basic ${Buffer.from("wk_nope:").toString("base64")}`,
      });
      expect(unknown.status).toBe(401);
      const unknownWithBadBody = await post("/v1/batch", "{not json", {
        authorization: `Basic ${Buffer.from("wk_nope:").toString("base64")}`,
      });
      expect(unknownWithBadBody.status).toBe(401);
      const keyInBody = await post(
        "/v1/batch",
        { writeKey: writeKey, batch: [trackMessage()] },
        {},
      );
      expect(keyInBody.status).toBe(200);
      expect(await unknown.json()).toMatchObject({
        error: { code: "unauthorized", message: "unknown write key" },
      });
    });

    it("serves health and an OpenAPI document describing every endpoint", async () => {
      const health = await (await fetch(`${base}/api/health`)).json();
      const latest = Math.max(...MIGRATIONS.map((m) => m.version));
      expect(health).toMatchObject({ status: "ok", store: dialect, schemaVersion: latest });
      const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
        paths: Record<string, unknown>;
      };
      // printRoutes nests routes under a shared prefix (4 columns a level): rebuild full paths,
      // and write `:param` as OpenAPI's `{param}`.
      const parents: string[] = [];
      const routes = app
        .printRoutes({ commonPrefix: false })
        .split("\n")
        .map((line) => {
          const text = line.replace(/^[\s│├└─]+/, "");
          const depth = (line.length - text.length) / 4;
          parents.length = Math.max(0, depth - 1);
          parents.push(text.split(" (")[0] ?? "");
          return parents.join("").replace(/:(\w+)/g, "{$1}");
        })
        .filter(
          (path): path is string => !!path && /^\/(api|v1)\//.test(path) && !path.includes("*"),
        );
      for (const path of routes) expect(doc.paths, `OpenAPI lacks ${path}`).toHaveProperty([path]);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(["/v1/track", "/v1/batch", "/api/health"]),
      );
    });
  });
}
