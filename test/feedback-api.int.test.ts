import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/runtime/config.ts";
import { buildApp } from "../src/server/app.ts";
import { DuckDBEventStore } from "../src/store/duckdb-store.ts";
import type { EventStore } from "../src/store/event-store.ts";
import { PostgresEventStore } from "../src/store/postgres-store.ts";
import { apiHeaders } from "./support/api-auth.ts";
import { cli } from "./support/cli.ts";
import { demoEvents } from "./support/demo-events.ts";
import { DIALECTS, freshTarget, type StoreTarget } from "./support/stores.ts";

for (const dialect of DIALECTS) {
  describe(`feedback API and CLI: ${dialect}`, () => {
    let target: StoreTarget;
    let store: EventStore;
    let app: FastifyInstance;
    let headers: Record<string, string>;
    const dir = mkdtempSync(join(tmpdir(), "jl-feedback-"));
    const configPath = join(dir, "config.json");
    // A configured text field list: only survey comments, not reviews.
    writeFileSync(configPath, JSON.stringify({ feedback: { textFields: ["properties.comment"] } }));

    beforeAll(async () => {
      target = await freshTarget(dialect);
      store = target.pg
        ? await PostgresEventStore.open(target.pg)
        : await DuckDBEventStore.open(target.db ?? "");
      await store.migrate();
      await store.insertEvents(demoEvents());
      const runtime = {
        config: parseConfig({ feedback: { textFields: ["properties.comment"] } }),
        store,
        close: async () => undefined,
      };
      app = await buildApp(runtime);
      headers = await apiHeaders(runtime, "analyst");
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
      await target?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it("answers GET and POST alike, with the configured text fields", async () => {
      const get = await app.inject({
        headers,
        method: "GET",
        url: "/api/feedback?channel=app,web&keywords=10&texts=20",
      });
      expect(get.statusCode, get.body).toBe(200);
      const post = await app.inject({
        headers,
        method: "POST",
        url: "/api/feedback",
        payload: { channels: ["app", "web"], keywords: 10, texts: 20 },
      });
      expect(post.json()).toEqual(get.json());
      const result = get.json();
      expect(result.summary.texts).toBeGreaterThan(0);
      expect(result.keywords).toHaveLength(10);
      expect(result.texts.every((t: { event: string }) => t.event === "Survey Responded")).toBe(
        true,
      );
      const withReviews = await app.inject({
        headers,
        method: "GET",
        url: "/api/feedback?field=properties.comment,properties.review&texts=1000",
      });
      const events = new Set(withReviews.json().texts.map((t: { event: string }) => t.event));
      expect(events.has("Review Submitted")).toBe(true);
    });

    it("needs an API key and names the bad field", async () => {
      const anonymous = await app.inject({ method: "GET", url: "/api/feedback" });
      expect(anonymous.statusCode).toBe(401);
      const bad = await app.inject({ headers, method: "GET", url: "/api/feedback?language=fr" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: "invalid_request", field: "language" });
    });

    it("prints the API's JSON from the CLI, and a text report", async () => {
      const api = (
        await app.inject({ headers, method: "GET", url: "/api/feedback?language=zh&texts=5" })
      ).json();
      const out = await cli(
        target,
        configPath,
        "feedback",
        "--language",
        "zh",
        "--texts",
        "5",
        "--json",
      );
      expect(JSON.parse(out)).toEqual(api);
      const text = await cli(target, configPath, "feedback");
      expect(text).toMatch(/feedback texts/);
      expect(text).toMatch(/by channel:/);
    });

    it("is in the OpenAPI document", async () => {
      const doc = (await app.inject({ headers, method: "GET", url: "/api/openapi.json" })).json();
      const path = doc.paths["/api/feedback"];
      expect(path.get.parameters.map((p: { name: string }) => p.name)).toContain("language");
      expect(
        path.post.requestBody.content["application/json"].schema.properties.fields,
      ).toBeDefined();
    });
  });
}
